CREATE TABLE `clients` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`kind` enum('person','school') NOT NULL DEFAULT 'person',
	`name` varchar(200) NOT NULL,
	`tax_id` varchar(32),
	`email` varchar(254),
	`phone` varchar(32),
	`address` varchar(500),
	`notes` text,
	`whatsapp_opt_in` boolean NOT NULL DEFAULT false,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `clients_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE INDEX `clients_kind_name_idx` ON `clients` (`kind`,`name`);--> statement-breakpoint
CREATE INDEX `clients_name_idx` ON `clients` (`name`);--> statement-breakpoint
CREATE INDEX `clients_email_idx` ON `clients` (`email`);--> statement-breakpoint
CREATE INDEX `clients_tax_id_idx` ON `clients` (`tax_id`);--> statement-breakpoint
CREATE INDEX `clients_created_idx` ON `clients` (`created_at`);