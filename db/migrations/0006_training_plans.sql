CREATE TABLE `training_plan_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`survey_slug` text NOT NULL,
	`version` integer NOT NULL,
	`edits` text NOT NULL,
	`query` text NOT NULL,
	`snapshot` text NOT NULL,
	`author_id` integer,
	`author` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `training_plan_versions_uq` ON `training_plan_versions` (`survey_slug`,`version`);