DROP INDEX `requests_unit`;--> statement-breakpoint
CREATE INDEX `requests_unit` ON `requests` (`responsible_unit_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `ledger_entries_unit` ON `ledger_entries` (`unit_id`,`opened_at`);