CREATE TABLE `claimants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`display_name` text NOT NULL,
	`contact_phone` text,
	`staff_id` text,
	`code_hash` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `claimants_staff_id_unique` ON `claimants` (`staff_id`);--> statement-breakpoint
CREATE TABLE `claims` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`open_claim_id` integer NOT NULL,
	`claimant_id` integer NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`claimed_at` integer NOT NULL,
	`work_report` text,
	`submitted_at` integer,
	`reviewed_by_staff_id` text,
	`reviewed_at` integer,
	`review_note` text,
	`points_awarded` integer,
	FOREIGN KEY (`open_claim_id`) REFERENCES `open_claims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`claimant_id`) REFERENCES `claimants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `claims_live` ON `claims` (`open_claim_id`) WHERE status in ('active', 'submitted');--> statement-breakpoint
CREATE INDEX `claims_claimant` ON `claims` (`claimant_id`,`reviewed_at`);--> statement-breakpoint
CREATE TABLE `discipline_referrals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`reason` text NOT NULL,
	`referred_by_staff_id` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`referred_by_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `discipline_referrals_request_id_unique` ON `discipline_referrals` (`request_id`);--> statement-breakpoint
CREATE INDEX `discipline_referrals_unit` ON `discipline_referrals` (`unit_id`,`at`);--> statement-breakpoint
CREATE TABLE `interviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` text NOT NULL,
	`period` text NOT NULL,
	`reasons` text NOT NULL,
	`interviewer_staff_id` text,
	`held_at` integer,
	`findings` text,
	`rectification_deadline` integer,
	`checked_by_staff_id` text,
	`checked_at` integer,
	`rectified` integer,
	`check_note` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`interviewer_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checked_by_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `interviews_unit_period` ON `interviews` (`unit_id`,`period`);--> statement-breakpoint
CREATE INDEX `interviews_deadline` ON `interviews` (`rectification_deadline`);--> statement-breakpoint
CREATE TABLE `open311_keys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`key_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	`demo` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `open311_keys_key_hash_unique` ON `open311_keys` (`key_hash`);--> statement-breakpoint
CREATE TABLE `open311_requests` (
	`request_id` text PRIMARY KEY NOT NULL,
	`service_code` text NOT NULL,
	`token` text NOT NULL,
	`key_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`key_id`) REFERENCES `open311_keys`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `open311_requests_token_unique` ON `open311_requests` (`token`);--> statement-breakpoint
CREATE INDEX `open311_requests_service` ON `open311_requests` (`service_code`,`created_at`);--> statement-breakpoint
CREATE TABLE `open_claims` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`points` integer NOT NULL,
	`posted_by_staff_id` text NOT NULL,
	`posted_at` integer NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`closed_at` integer,
	`demo` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`posted_by_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `open_claims_live` ON `open_claims` (`request_id`) WHERE status in ('open', 'claimed');--> statement-breakpoint
CREATE INDEX `open_claims_status` ON `open_claims` (`status`,`posted_at`);--> statement-breakpoint
CREATE TABLE `spot_check_photos` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`spot_check_id` integer NOT NULL,
	`sha256` text NOT NULL,
	`file_name` text NOT NULL,
	`media_type` text NOT NULL,
	`size` integer NOT NULL,
	`uploaded_by` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`spot_check_id`) REFERENCES `spot_checks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `spot_check_photos_check` ON `spot_check_photos` (`spot_check_id`);--> statement-breakpoint
CREATE TABLE `spot_checks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` text NOT NULL,
	`request_id` text,
	`checked_at` integer NOT NULL,
	`unannounced` integer NOT NULL,
	`findings` text NOT NULL,
	`recorded_by_staff_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `spot_checks_unit` ON `spot_checks` (`unit_id`,`checked_at`);--> statement-breakpoint
CREATE INDEX `spot_checks_request` ON `spot_checks` (`request_id`);--> statement-breakpoint
CREATE TABLE `unit_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` text NOT NULL,
	`period` text NOT NULL,
	`due_at` integer NOT NULL,
	`draft` text NOT NULL,
	`content` text,
	`submitted_by_staff_id` text,
	`submitted_at` integer,
	`late_recorded_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `unit_reports_unit_period` ON `unit_reports` (`unit_id`,`period`);--> statement-breakpoint
CREATE INDEX `unit_reports_period` ON `unit_reports` (`period`);--> statement-breakpoint
CREATE TABLE `urgings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`kind` text NOT NULL,
	`deadline` integer NOT NULL,
	`at` integer NOT NULL,
	`idempotency_key` text NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `urgings_idempotency_key_unique` ON `urgings` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `urgings_request` ON `urgings` (`request_id`,`at`);--> statement-breakpoint
CREATE INDEX `urgings_unit` ON `urgings` (`unit_id`,`at`);--> statement-breakpoint
ALTER TABLE `ranking_snapshots` ADD `reasons` text;--> statement-breakpoint
ALTER TABLE `requests` ADD `blocked_kind` text;