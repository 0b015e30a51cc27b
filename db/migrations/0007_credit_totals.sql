CREATE TABLE `credit_totals` (
	`user_id` text PRIMARY KEY NOT NULL,
	`total` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `credit_tx_user_expiring_idx` ON `credit_transactions` (`user_id`,`expires_at`) WHERE "credit_transactions"."expires_at" IS NOT NULL;--> statement-breakpoint
-- Each user's running total of the ledger, kept by the ledger's own triggers so it cannot drift from
-- SUM(amount): every insert adds its amount in the same statement; an update or a delete (none in
-- Quire's code, a user's deletion aside) moves it back. The balance reads it instead of summing the
-- whole ledger (lib db/queries/credits.ts balanceSql).
INSERT INTO `credit_totals` (`user_id`, `total`) SELECT `user_id`, sum(`amount`) FROM `credit_transactions` GROUP BY `user_id`;
--> statement-breakpoint
CREATE TRIGGER `credit_totals_on_insert` AFTER INSERT ON `credit_transactions` BEGIN
  INSERT INTO `credit_totals` (`user_id`, `total`) VALUES (NEW.`user_id`, NEW.`amount`)
    ON CONFLICT (`user_id`) DO UPDATE SET `total` = `total` + excluded.`total`;
END;
--> statement-breakpoint
CREATE TRIGGER `credit_totals_on_update` AFTER UPDATE OF `amount`, `user_id` ON `credit_transactions` BEGIN
  UPDATE `credit_totals` SET `total` = `total` - OLD.`amount` WHERE `user_id` = OLD.`user_id`;
  INSERT INTO `credit_totals` (`user_id`, `total`) VALUES (NEW.`user_id`, NEW.`amount`)
    ON CONFLICT (`user_id`) DO UPDATE SET `total` = `total` + excluded.`total`;
END;
--> statement-breakpoint
CREATE TRIGGER `credit_totals_on_delete` AFTER DELETE ON `credit_transactions` BEGIN
  UPDATE `credit_totals` SET `total` = `total` - OLD.`amount` WHERE `user_id` = OLD.`user_id`;
END;
