CREATE TABLE `usage_user_daily_by` (
	`dim` text NOT NULL,
	`value` text NOT NULL,
	`day` text NOT NULL,
	`user_id` text NOT NULL,
	`requests` integer DEFAULT 0 NOT NULL,
	`input_tokens` integer DEFAULT 0 NOT NULL,
	`output_tokens` integer DEFAULT 0 NOT NULL,
	`cost_micro_usd` integer DEFAULT 0 NOT NULL,
	`credits` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`dim`, `value`, `day`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `usage_user_daily_by_covering_idx` ON `usage_user_daily_by` (`dim`,`value`,`day`,`user_id`,`cost_micro_usd`,`credits`,`requests`,`input_tokens`,`output_tokens`);--> statement-breakpoint
DROP INDEX `usage_daily_model_users_idx`;--> statement-breakpoint
-- Backfill from the per-user usage_daily rows already recorded, so the ranking covers history too.
INSERT INTO `usage_user_daily_by` (`dim`, `value`, `day`, `user_id`, `requests`, `input_tokens`, `output_tokens`, `cost_micro_usd`, `credits`)
SELECT 'task', `task`, `day`, `user_id`, sum(`requests`), sum(`input_tokens`), sum(`output_tokens`), sum(`cost_micro_usd`), sum(`credits`)
FROM `usage_daily` WHERE `user_id` <> '' GROUP BY `task`, `day`, `user_id`;--> statement-breakpoint
INSERT INTO `usage_user_daily_by` (`dim`, `value`, `day`, `user_id`, `requests`, `input_tokens`, `output_tokens`, `cost_micro_usd`, `credits`)
SELECT 'model', `model`, `day`, `user_id`, sum(`requests`), sum(`input_tokens`), sum(`output_tokens`), sum(`cost_micro_usd`), sum(`credits`)
FROM `usage_daily` WHERE `user_id` <> '' GROUP BY `model`, `day`, `user_id`;
