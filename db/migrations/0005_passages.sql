CREATE TABLE `passages` (
	`id` text PRIMARY KEY NOT NULL,
	`book_id` text NOT NULL,
	`chapter_id` text NOT NULL,
	`chapter_version` integer NOT NULL,
	`seq` integer NOT NULL,
	`text` text NOT NULL,
	`word_count` integer NOT NULL,
	`model` text NOT NULL,
	`dimensions` integer NOT NULL,
	`vector` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`book_id`) REFERENCES `books`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`chapter_id`) REFERENCES `chapters`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `passages_book_model_idx` ON `passages` (`book_id`,`model`);--> statement-breakpoint
CREATE INDEX `passages_chapter_idx` ON `passages` (`chapter_id`);