PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_llm_calls` (
	`id` text PRIMARY KEY NOT NULL,
	`task` text NOT NULL,
	`provider` text NOT NULL,
	`model` text NOT NULL,
	`target_id` text NOT NULL,
	`attempt` integer NOT NULL,
	`fallback_from` text,
	`cached` integer DEFAULT false NOT NULL,
	`input_tokens` integer DEFAULT 0 NOT NULL,
	`output_tokens` integer DEFAULT 0 NOT NULL,
	`cached_tokens` integer DEFAULT 0 NOT NULL,
	`estimated` integer DEFAULT false NOT NULL,
	`cost_micro_usd` integer,
	`saved_micro_usd` integer DEFAULT 0 NOT NULL,
	`latency_ms` integer DEFAULT 0 NOT NULL,
	`ttft_ms` integer,
	`outcome` text NOT NULL,
	`error_code` text,
	`arm` text,
	`user_id` text,
	`book_id` text,
	`job_id` text,
	`api_key_id` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_llm_calls`("id", "task", "provider", "model", "target_id", "attempt", "fallback_from", "cached", "input_tokens", "output_tokens", "cached_tokens", "estimated", "cost_micro_usd", "saved_micro_usd", "latency_ms", "ttft_ms", "outcome", "error_code", "arm", "user_id", "book_id", "job_id", "api_key_id", "created_at") SELECT "id", "task", "provider", "model", "target_id", "attempt", "fallback_from", "cached", "input_tokens", "output_tokens", "cached_tokens", "estimated", "cost_micro_usd", "saved_micro_usd", "latency_ms", "ttft_ms", "outcome", "error_code", "arm", "user_id", "book_id", "job_id", "api_key_id", "created_at" FROM `llm_calls`;--> statement-breakpoint
DROP TABLE `llm_calls`;--> statement-breakpoint
ALTER TABLE `__new_llm_calls` RENAME TO `llm_calls`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `llm_calls_created_idx` ON `llm_calls` (`created_at`);--> statement-breakpoint
CREATE INDEX `llm_calls_user_created_idx` ON `llm_calls` (`user_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `usage_daily` ADD `unpriced_requests` integer DEFAULT 0 NOT NULL;