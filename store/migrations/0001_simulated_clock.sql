CREATE TABLE `simulated_clock` (
	`id` integer PRIMARY KEY NOT NULL,
	`at` integer NOT NULL
);
