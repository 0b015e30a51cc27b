CREATE TABLE `usage_daily_facets` (
	`day` text NOT NULL,
	`provider` text NOT NULL,
	`model` text NOT NULL,
	`task` text NOT NULL,
	`kind` text NOT NULL,
	`facet` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `kind`, `provider`, `model`, `task`, `facet`)
);
--> statement-breakpoint
CREATE TABLE `usage_user_daily` (
	`day` text NOT NULL,
	`user_id` text NOT NULL,
	`requests` integer DEFAULT 0 NOT NULL,
	`input_tokens` integer DEFAULT 0 NOT NULL,
	`output_tokens` integer DEFAULT 0 NOT NULL,
	`cost_micro_usd` integer DEFAULT 0 NOT NULL,
	`credits` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `usage_user_daily_covering_idx` ON `usage_user_daily` (`day`,`user_id`,`cost_micro_usd`,`credits`,`requests`,`input_tokens`,`output_tokens`);--> statement-breakpoint
CREATE INDEX `usage_daily_user_day_idx` ON `usage_daily` (`user_id`,`day`);--> statement-breakpoint
CREATE INDEX `usage_daily_all_users_idx` ON `usage_daily` (`day`,`provider`,`model`,`task`) WHERE user_id = '';--> statement-breakpoint
CREATE INDEX `usage_daily_task_users_idx` ON `usage_daily` (`task`,`model`,`day`,`user_id`,`cost_micro_usd`,`credits`,`requests`,`input_tokens`,`output_tokens`) WHERE user_id <> '';--> statement-breakpoint
CREATE INDEX `usage_daily_model_users_idx` ON `usage_daily` (`model`,`day`,`user_id`,`cost_micro_usd`,`credits`,`requests`,`input_tokens`,`output_tokens`) WHERE user_id <> '';