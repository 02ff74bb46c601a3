CREATE TABLE `case_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` text NOT NULL,
	`kind` text NOT NULL,
	`actor` text NOT NULL,
	`at` integer NOT NULL,
	`detail` text,
	`idempotency_key` text,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `case_events_idempotency_key_unique` ON `case_events` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `case_events_request` ON `case_events` (`request_id`,`at`);--> statement-breakpoint
CREATE TABLE `department_reports` (
	`whistle_id` integer NOT NULL,
	`department_id` text NOT NULL,
	`reported_at` integer,
	`non_report_recorded_at` integer,
	PRIMARY KEY(`whistle_id`, `department_id`),
	FOREIGN KEY (`whistle_id`) REFERENCES `whistles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `duties` (
	`domain` text PRIMARY KEY NOT NULL,
	`lead_unit_id` text NOT NULL,
	`demo` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`lead_unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `follow_ups` (
	`request_id` text NOT NULL,
	`round` integer NOT NULL,
	`outcome` text NOT NULL,
	`level` text NOT NULL,
	`asked_by` text,
	`note` text,
	`at` integer NOT NULL,
	PRIMARY KEY(`request_id`, `round`),
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `ledger_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` text NOT NULL,
	`level` text NOT NULL,
	`unit_id` text NOT NULL,
	`opened_at` integer NOT NULL,
	`closed_at` integer,
	`close_reason` text,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_entries_open` ON `ledger_entries` (`request_id`,`level`) WHERE closed_at is null;--> statement-breakpoint
CREATE INDEX `ledger_entries_request` ON `ledger_entries` (`request_id`);--> statement-breakpoint
CREATE TABLE `ledger_movements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` text NOT NULL,
	`from_level` text NOT NULL,
	`to_level` text NOT NULL,
	`from_unit_id` text NOT NULL,
	`to_unit_id` text NOT NULL,
	`reason` text,
	`moved_at` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ledger_movements_request` ON `ledger_movements` (`request_id`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel` text NOT NULL,
	`recipient` text NOT NULL,
	`text` text NOT NULL,
	`request_id` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	`idempotency_key` text,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_idempotency_key_unique` ON `notifications` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `notifications_status` ON `notifications` (`status`,`id`);--> statement-breakpoint
CREATE TABLE `org_units` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`level` text NOT NULL,
	`parent_id` text,
	`demo` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `org_units_parent` ON `org_units` (`parent_id`);--> statement-breakpoint
CREATE TABLE `processed_steps` (
	`key` text PRIMARY KEY NOT NULL,
	`step` text NOT NULL,
	`request_id` text,
	`result` text,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `ranking_snapshots` (
	`period` text NOT NULL,
	`unit_id` text NOT NULL,
	`rank` integer,
	`assigned` integer NOT NULL,
	`closed` integer NOT NULL,
	`closure_rate` real,
	`satisfaction_rate` real,
	`overdue_rate` real,
	`rehandling_rate` real,
	`non_reports` integer DEFAULT 0 NOT NULL,
	`colour` text NOT NULL,
	`taken_at` integer NOT NULL,
	PRIMARY KEY(`period`, `unit_id`),
	FOREIGN KEY (`unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `rehandlings` (
	`request_id` text NOT NULL,
	`round` integer NOT NULL,
	`level` text NOT NULL,
	`unit_id` text,
	`reason` text,
	`at` integer NOT NULL,
	PRIMARY KEY(`request_id`, `round`),
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `request_citizens` (
	`request_id` text PRIMARY KEY NOT NULL,
	`name` text,
	`phone` text,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `requests` (
	`id` text PRIMARY KEY NOT NULL,
	`channel` text NOT NULL,
	`township_id` text NOT NULL,
	`village_id` text,
	`text` text NOT NULL,
	`list_type` text,
	`domain` text,
	`difficulty` text,
	`level` text,
	`responsible_unit_id` text,
	`time_limit_days` integer,
	`deadline` integer,
	`status` text DEFAULT 'received' NOT NULL,
	`blocked_reason` text,
	`overdue_at` integer,
	`process_instance_key` text,
	`entered_by_staff_id` text,
	`created_at` integer NOT NULL,
	`closed_at` integer,
	`demo` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`township_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`village_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`responsible_unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entered_by_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `requests_unit` ON `requests` (`responsible_unit_id`);--> statement-breakpoint
CREATE INDEX `requests_created` ON `requests` (`created_at`);--> statement-breakpoint
CREATE INDEX `requests_status` ON `requests` (`status`);--> statement-breakpoint
CREATE TABLE `sign_offs` (
	`request_id` text NOT NULL,
	`round` integer NOT NULL,
	`role` text NOT NULL,
	`signer_name` text NOT NULL,
	`signer_staff_id` text,
	`signed_at` integer NOT NULL,
	PRIMARY KEY(`request_id`, `round`, `role`),
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`signer_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `staff` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_id` text NOT NULL,
	`name` text NOT NULL,
	`demo` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `staff_unit` ON `staff` (`unit_id`);--> statement-breakpoint
CREATE TABLE `staff_roles` (
	`staff_id` text NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`staff_id`, `role`),
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `staged_measures` (
	`request_id` text NOT NULL,
	`seq` integer NOT NULL,
	`title` text NOT NULL,
	`deadline` integer NOT NULL,
	`done_at` integer,
	PRIMARY KEY(`request_id`, `seq`),
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `whistles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` text NOT NULL,
	`blown_by_unit_id` text NOT NULL,
	`blown_at` integer NOT NULL,
	`report_due_at` integer NOT NULL,
	`idempotency_key` text NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`blown_by_unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `whistles_idempotency_key_unique` ON `whistles` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `whistles_request` ON `whistles` (`request_id`);