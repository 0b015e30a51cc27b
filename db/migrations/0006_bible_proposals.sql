CREATE TABLE `bible_proposals` (
	`id` text PRIMARY KEY NOT NULL,
	`book_id` text NOT NULL,
	`chapter_id` text NOT NULL,
	`kind` text NOT NULL,
	`entry_id` text,
	`entry_kind` text,
	`name` text NOT NULL,
	`body` text NOT NULL,
	`evidence` text NOT NULL,
	`bible_says` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`book_id`) REFERENCES `books`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`chapter_id`) REFERENCES `chapters`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entry_id`) REFERENCES `bible_entries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `bible_proposals_book_status_idx` ON `bible_proposals` (`book_id`,`status`);--> statement-breakpoint
CREATE INDEX `bible_proposals_chapter_idx` ON `bible_proposals` (`chapter_id`);