-- Generic need storage (issue #11): the need ratings lose their dnc-tim column names, and a survey's
-- breakdown values live in slot columns dim1…dim8 of need_ratings and responses, the slot of each
-- breakdown question recorded per survey in survey_dimensions. Written by hand (drizzle-kit cannot
-- carry data across a column rename); the snapshot is what drizzle-kit would write for db/schema.ts.
--
-- Existing data is carried over unchanged: before this migration need_ratings held, for every survey
-- with a need matrix, the answers to the questions institucion, region, cargo_categoria and
-- anios_casos (the only grouping fields the code knew); they become slots 1-4 of those surveys.
-- The application assigns slots to any other declared breakdown and fills them from the stored answers.
CREATE TABLE `survey_dimensions` (
	`survey_slug` text NOT NULL,
	`name` text NOT NULL,
	`slot` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`survey_slug`, `name`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_dimensions_slot_uq` ON `survey_dimensions` (`survey_slug`,`slot`);--> statement-breakpoint
INSERT INTO `survey_dimensions` (`survey_slug`, `name`, `slot`)
  SELECT s.`survey_slug`, d.`name`, d.`slot`
  FROM (SELECT DISTINCT `survey_slug` FROM `need_ratings`) s
  CROSS JOIN (SELECT 'institucion' AS `name`, 1 AS `slot` UNION ALL SELECT 'region', 2
              UNION ALL SELECT 'cargo_categoria', 3 UNION ALL SELECT 'anios_casos', 4) d;--> statement-breakpoint
ALTER TABLE `responses` ADD `dim1` text;--> statement-breakpoint
ALTER TABLE `responses` ADD `dim2` text;--> statement-breakpoint
ALTER TABLE `responses` ADD `dim3` text;--> statement-breakpoint
ALTER TABLE `responses` ADD `dim4` text;--> statement-breakpoint
ALTER TABLE `responses` ADD `dim5` text;--> statement-breakpoint
ALTER TABLE `responses` ADD `dim6` text;--> statement-breakpoint
ALTER TABLE `responses` ADD `dim7` text;--> statement-breakpoint
ALTER TABLE `responses` ADD `dim8` text;--> statement-breakpoint
UPDATE `responses` SET
  `dim1` = CASE json_type(`data`, '$.institucion') WHEN 'text' THEN json_extract(`data`, '$.institucion') END,
  `dim2` = CASE json_type(`data`, '$.region') WHEN 'text' THEN json_extract(`data`, '$.region') END,
  `dim3` = CASE json_type(`data`, '$.cargo_categoria') WHEN 'text' THEN json_extract(`data`, '$.cargo_categoria') END,
  `dim4` = CASE json_type(`data`, '$.anios_casos') WHEN 'text' THEN json_extract(`data`, '$.anios_casos') END
  WHERE `survey_slug` IN (SELECT `survey_slug` FROM `survey_dimensions`);--> statement-breakpoint
CREATE TABLE `__new_need_ratings` (
	`response_id` text NOT NULL,
	`survey_slug` text NOT NULL,
	`topic` text NOT NULL,
	`importance` integer,
	`competence` integer,
	`not_applicable` integer DEFAULT false NOT NULL,
	`unit_id` integer,
	`submitted_at` text NOT NULL,
	`dim1` text,
	`dim2` text,
	`dim3` text,
	`dim4` text,
	`dim5` text,
	`dim6` text,
	`dim7` text,
	`dim8` text,
	PRIMARY KEY(`response_id`, `topic`),
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_need_ratings` (`response_id`, `survey_slug`, `topic`, `importance`, `competence`, `not_applicable`,
    `unit_id`, `submitted_at`, `dim1`, `dim2`, `dim3`, `dim4`)
  SELECT `response_id`, `survey_slug`, `topic`, `importancia`, `dominio`, `no_aplica`,
    `unit_id`, `submitted_at`, `institucion`, `region`, `cargo_categoria`, `anios_casos`
  FROM `need_ratings` ORDER BY `response_id`, `topic`;--> statement-breakpoint
DROP TABLE `need_ratings`;--> statement-breakpoint
ALTER TABLE `__new_need_ratings` RENAME TO `need_ratings`;--> statement-breakpoint
CREATE INDEX `need_ratings_survey_cover_idx` ON `need_ratings` (`survey_slug`,`dim1`,`topic`,`importance`,`competence`,`not_applicable`);
