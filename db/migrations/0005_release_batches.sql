CREATE TABLE `release_batches` (
	`survey_slug` text NOT NULL,
	`batch` integer NOT NULL,
	`released_at` text NOT NULL,
	`responses` integer NOT NULL,
	`first_submitted_at` text NOT NULL,
	`last_submitted_at` text NOT NULL,
	PRIMARY KEY(`survey_slug`, `batch`)
);
--> statement-breakpoint
CREATE TABLE `release_cells` (
	`survey_slug` text NOT NULL,
	`cell_key` text NOT NULL,
	`first_batch` integer NOT NULL,
	`updated_batch` integer NOT NULL,
	PRIMARY KEY(`survey_slug`, `cell_key`)
);
--> statement-breakpoint
DROP INDEX `need_ratings_survey_cover_idx`;--> statement-breakpoint
ALTER TABLE `need_ratings` ADD `release_batch` integer;--> statement-breakpoint
CREATE INDEX `need_ratings_survey_release_cover_idx` ON `need_ratings` (`survey_slug`,`dim1`,`topic`,`importance`,`competence`,`not_applicable`,`release_batch`);--> statement-breakpoint
ALTER TABLE `responses` ADD `release_batch` integer;--> statement-breakpoint
CREATE INDEX `responses_pending_release_idx` ON `responses` (`survey_slug`) WHERE status = 'complete' and release_batch is null;