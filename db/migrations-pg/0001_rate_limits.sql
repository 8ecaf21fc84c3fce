CREATE TABLE "rate_limits" (
	"key" text NOT NULL,
	"window_start" text NOT NULL,
	"expires_at" text NOT NULL,
	"hits" integer NOT NULL,
	CONSTRAINT "rate_limits_key_window_start_pk" PRIMARY KEY("key","window_start")
);
--> statement-breakpoint
CREATE INDEX "rate_limits_expires_idx" ON "rate_limits" USING btree ("expires_at");