CREATE TABLE `backstop_cases` (
	`id` text PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	`ledger_entry_id` integer,
	`entered_at` integer NOT NULL,
	`plan` text,
	`planned_at` integer,
	`resolved_at` integer,
	`resolution_note` text,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ledger_entry_id`) REFERENCES `ledger_entries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `backstop_cases_request` ON `backstop_cases` (`request_id`);--> statement-breakpoint
CREATE TABLE `backstop_reviews` (
	`case_id` text NOT NULL,
	`seq` integer NOT NULL,
	`note` text,
	`reviewed_at` integer NOT NULL,
	`idempotency_key` text,
	PRIMARY KEY(`case_id`, `seq`),
	FOREIGN KEY (`case_id`) REFERENCES `backstop_cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `backstop_reviews_idempotency_key_unique` ON `backstop_reviews` (`idempotency_key`);