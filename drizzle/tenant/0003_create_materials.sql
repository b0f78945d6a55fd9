CREATE TABLE `materials` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`category` enum('varillas','pinturas','impresion','recordatorio','software','pintura','diseno') NOT NULL,
	`subtype` varchar(100),
	`code` varchar(50) NOT NULL,
	`name` varchar(200) NOT NULL,
	`unit` enum('m','m2','sheet','ml','unit') NOT NULL,
	`purchase_unit` varchar(50),
	`purchase_factor` decimal(12,3) NOT NULL DEFAULT '1.000',
	`face_width_mm` int,
	`stick_length_mm` int,
	`sheet_width_mm` int,
	`sheet_height_mm` int,
	`cost_price` decimal(14,2) NOT NULL DEFAULT '0.00',
	`sale_price` decimal(14,2) NOT NULL DEFAULT '0.00',
	`min_qty` decimal(12,3) NOT NULL DEFAULT '0.000',
	`max_qty` decimal(12,3) NOT NULL DEFAULT '0.000',
	`pack_multiple` decimal(12,3) NOT NULL DEFAULT '1.000',
	`waste_percent` decimal(5,2) NOT NULL DEFAULT '0.00',
	`expires_at` date,
	`active` boolean NOT NULL DEFAULT true,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `materials_id` PRIMARY KEY(`id`),
	CONSTRAINT `materials_code_uq` UNIQUE(`code`)
);
--> statement-breakpoint
CREATE INDEX `materials_category_code_idx` ON `materials` (`category`,`code`);--> statement-breakpoint
CREATE INDEX `materials_name_idx` ON `materials` (`name`);--> statement-breakpoint
CREATE INDEX `materials_created_idx` ON `materials` (`created_at`);