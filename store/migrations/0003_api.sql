CREATE TABLE `accounts` (
	`username` text PRIMARY KEY NOT NULL,
	`staff_id` text NOT NULL,
	`password_hash` text NOT NULL,
	`failed_attempts` integer DEFAULT 0 NOT NULL,
	`locked_until` integer,
	`disabled` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`demo` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_staff_id_unique` ON `accounts` (`staff_id`);--> statement-breakpoint
CREATE TABLE `attachments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` text NOT NULL,
	`sha256` text NOT NULL,
	`file_name` text NOT NULL,
	`media_type` text NOT NULL,
	`size` integer NOT NULL,
	`uploaded_by` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attachments_request` ON `attachments` (`request_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`actor_unit_id` text,
	`action` text NOT NULL,
	`target` text,
	`status_code` integer NOT NULL,
	`ip` text,
	`user_agent` text,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `audit_at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_actor` ON `audit_log` (`actor`,`at`);--> statement-breakpoint
CREATE INDEX `audit_target` ON `audit_log` (`target`);--> statement-breakpoint
CREATE TABLE `extensions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`days` integer NOT NULL,
	`reason` text NOT NULL,
	`requested_at` integer NOT NULL,
	`old_deadline` integer,
	`approved` integer,
	`decision_note` text,
	`new_deadline` integer,
	`decided_at` integer,
	`idempotency_key` text NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `extensions_idempotency_key_unique` ON `extensions` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `extensions_request` ON `extensions` (`request_id`);--> statement-breakpoint
CREATE TABLE `idempotent_responses` (
	`scope_key` text PRIMARY KEY NOT NULL,
	`fingerprint` text NOT NULL,
	`status_code` integer NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `idempotent_responses_created` ON `idempotent_responses` (`created_at`);--> statement-breakpoint
CREATE TABLE `request_access` (
	`request_id` text PRIMARY KEY NOT NULL,
	`lookup_code_hash` text NOT NULL,
	`failed_attempts` integer DEFAULT 0 NOT NULL,
	`locked_until` integer,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `request_numbers` (
	`day` text PRIMARY KEY NOT NULL,
	`last` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `request_proxies` (
	`request_id` text PRIMARY KEY NOT NULL,
	`proxy_name` text NOT NULL,
	`proxy_phone` text,
	`relation` text NOT NULL,
	`consent_given` integer NOT NULL,
	`consent_method` text NOT NULL,
	`consent_note` text,
	`recorded_by_staff_id` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `request_returns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`level` text NOT NULL,
	`reason` text NOT NULL,
	`note` text,
	`returned_at` integer NOT NULL,
	`decision` text,
	`decision_note` text,
	`redispatched_to_unit_id` text,
	`decided_at` integer,
	`idempotency_key` text NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`redispatched_to_unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `request_returns_idempotency_key_unique` ON `request_returns` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `request_returns_request` ON `request_returns` (`request_id`);--> statement-breakpoint
CREATE INDEX `request_returns_unit` ON `request_returns` (`unit_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`staff_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`ip` text,
	`user_agent` text,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_staff` ON `sessions` (`staff_id`);--> statement-breakpoint
CREATE INDEX `sessions_expires` ON `sessions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `signing_codes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` text NOT NULL,
	`code_hash` text NOT NULL,
	`requested_by_staff_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `signing_codes_request` ON `signing_codes` (`request_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `notifications` ADD `next_attempt_at` integer;--> statement-breakpoint
ALTER TABLE `notifications` ADD `delivered_via` text;--> statement-breakpoint
CREATE INDEX `notifications_request` ON `notifications` (`request_id`);--> statement-breakpoint
ALTER TABLE `request_citizens` ADD `id_number` text;--> statement-breakpoint
ALTER TABLE `request_citizens` ADD `address` text;--> statement-breakpoint
ALTER TABLE `requests` ADD `instance_requested_at` integer;--> statement-breakpoint
ALTER TABLE `requests` ADD `merged_into` text REFERENCES requests(id);--> statement-breakpoint
CREATE INDEX `requests_township` ON `requests` (`township_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `requests_village` ON `requests` (`village_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `requests_instance` ON `requests` (`process_instance_key`);--> statement-breakpoint
CREATE INDEX `requests_not_started` ON `requests` (`created_at`) WHERE instance_requested_at is null;--> statement-breakpoint
ALTER TABLE `sign_offs` ADD `method` text;--> statement-breakpoint
ALTER TABLE `staff` ADD `email` text;--> statement-breakpoint
-- Requests stored before the API existed were all started by their instance (the register worker wrote them).
UPDATE `requests` SET `instance_requested_at` = `created_at`;--> statement-breakpoint
-- Full-text search over request texts. Chinese has no spaces, so the text is indexed as overlapping
-- character bigrams (store/text-index.ts makes them): a two-character query such as 路灯 matches.
CREATE VIRTUAL TABLE `request_text_index` USING fts5(`request_id` UNINDEXED, `grams`, tokenize = 'unicode61');
