ALTER TABLE `suggestion_events` ADD `suggestion_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `suggestion_events_outcome_idx` ON `suggestion_events` (`suggestion_id`,`action`);