CREATE TABLE `metrics` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`name` varchar(200) NOT NULL,
	`kpi` varchar(40) NOT NULL,
	`filters` json,
	`period` enum('today','week','month','quarter','year','custom') NOT NULL DEFAULT 'month',
	`from_day` date,
	`to_day` date,
	`direction` enum('higher','lower') NOT NULL DEFAULT 'higher',
	`target` decimal(16,2),
	`warning` decimal(16,2),
	`critical` decimal(16,2),
	`notes` text,
	`created_by` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `metrics_id` PRIMARY KEY(`id`),
	CONSTRAINT `metrics_name_uq` UNIQUE(`name`)
);
--> statement-breakpoint
CREATE INDEX `metrics_kpi_idx` ON `metrics` (`kpi`);--> statement-breakpoint
CREATE INDEX `metrics_created_idx` ON `metrics` (`created_at`);--> statement-breakpoint
CREATE INDEX `orders_confirmed_idx` ON `orders` (`confirmed_at`,`status`);--> statement-breakpoint
CREATE INDEX `orders_delivered_idx` ON `orders` (`delivered_at`);