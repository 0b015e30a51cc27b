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
CREATE INDEX `usage_daily_user_day_idx` ON `usage_daily` (`user_id`,`day`);--> statement-breakpoint
CREATE INDEX `usage_daily_all_users_idx` ON `usage_daily` (`day`,`provider`,`model`,`task`) WHERE user_id = '';