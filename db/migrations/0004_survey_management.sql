ALTER TABLE `survey_versions` ADD `origin` text DEFAULT 'file' NOT NULL;--> statement-breakpoint
ALTER TABLE `survey_versions` ADD `uploaded_by` text;--> statement-breakpoint
ALTER TABLE `survey_versions` ADD `published_at` text;--> statement-breakpoint
ALTER TABLE `surveys` ADD `published_version` text;--> statement-breakpoint
ALTER TABLE `surveys` ADD `file_version` text;