-- Survey rounds (docs/rounds.md): every response stored before rounds existed belongs to round 1
-- (the column defaults), and so do its need ratings, releases and published cells.
CREATE TABLE `survey_rounds` (
	`survey_slug` text NOT NULL,
	`round` integer NOT NULL,
	`name` text NOT NULL,
	`opens_on` text,
	`closes_on` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`created_by` text,
	PRIMARY KEY(`survey_slug`, `round`)
);
--> statement-breakpoint
DROP INDEX `need_ratings_survey_release_cover_idx`;--> statement-breakpoint
ALTER TABLE `need_ratings` ADD `round` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX `need_ratings_survey_round_cover_idx` ON `need_ratings` (`survey_slug`,`dim1`,`topic`,`importance`,`competence`,`not_applicable`,`release_batch`,`round`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_release_cells` (
	`survey_slug` text NOT NULL,
	`round` integer DEFAULT 1 NOT NULL,
	`cell_key` text NOT NULL,
	`first_batch` integer NOT NULL,
	`updated_batch` integer NOT NULL,
	PRIMARY KEY(`survey_slug`, `round`, `cell_key`)
);
--> statement-breakpoint
INSERT INTO `__new_release_cells`("survey_slug", "round", "cell_key", "first_batch", "updated_batch") SELECT "survey_slug", 1, "cell_key", "first_batch", "updated_batch" FROM `release_cells`;--> statement-breakpoint
DROP TABLE `release_cells`;--> statement-breakpoint
ALTER TABLE `__new_release_cells` RENAME TO `release_cells`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
ALTER TABLE `release_batches` ADD `round` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `responses` ADD `round` integer DEFAULT 1 NOT NULL;