CREATE TABLE `appointment_changes` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`appointment_id` bigint unsigned NOT NULL,
	`previous_starts_at` datetime(3) NOT NULL,
	`previous_ends_at` datetime(3) NOT NULL,
	`previous_resource_id` bigint unsigned NOT NULL,
	`changed_by` bigint unsigned,
	`changed_at` datetime(3) NOT NULL,
	CONSTRAINT `appointment_changes_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `appointment_reminders` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`appointment_id` bigint unsigned NOT NULL,
	`offset_minutes` int NOT NULL,
	`remind_at` datetime(3) NOT NULL,
	`status` enum('pending','sent','cancelled') NOT NULL DEFAULT 'pending',
	`sent_at` datetime(3),
	CONSTRAINT `appointment_reminders_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `appointment_resources` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`name` varchar(120) NOT NULL,
	`kind` enum('photographer','room','equipment') NOT NULL,
	`user_id` bigint unsigned,
	`active` boolean NOT NULL DEFAULT true,
	`notes` text,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `appointment_resources_id` PRIMARY KEY(`id`),
	CONSTRAINT `appointment_resources_name_uq` UNIQUE(`name`)
);
--> statement-breakpoint
CREATE TABLE `appointments` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`type` enum('session','delivery','pickup','photo_day','meeting') NOT NULL,
	`title` varchar(200) NOT NULL,
	`resource_id` bigint unsigned NOT NULL,
	`client_id` bigint unsigned,
	`order_id` bigint unsigned,
	`contract_id` bigint unsigned,
	`starts_at` datetime(3) NOT NULL,
	`ends_at` datetime(3) NOT NULL,
	`location` varchar(300),
	`notes` text,
	`status` enum('requested','confirmed','completed','no_show','cancelled') NOT NULL DEFAULT 'requested',
	`cancel_reason` varchar(500),
	`created_by` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `appointments_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `config_entries` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`key` varchar(100) NOT NULL,
	`value` json NOT NULL,
	`description` varchar(500),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `config_entries_id` PRIMARY KEY(`id`),
	CONSTRAINT `config_entries_key_uq` UNIQUE(`key`)
);
--> statement-breakpoint
CREATE TABLE `services` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`name` varchar(120) NOT NULL,
	`description` varchar(500),
	`base_price` decimal(14,2) NOT NULL DEFAULT '0.00',
	`estimated_days` int NOT NULL DEFAULT 0,
	`active` boolean NOT NULL DEFAULT true,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `services_id` PRIMARY KEY(`id`),
	CONSTRAINT `services_name_uq` UNIQUE(`name`)
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`group` enum('business','system','alerts','security','backup') NOT NULL,
	`value` json NOT NULL,
	`updated_by` bigint unsigned,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `settings_group` PRIMARY KEY(`group`)
);
--> statement-breakpoint
CREATE TABLE `contract_packages` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`contract_id` bigint unsigned NOT NULL,
	`name` varchar(200) NOT NULL,
	`price` decimal(14,2) NOT NULL,
	`items` json NOT NULL,
	`position` smallint NOT NULL DEFAULT 0,
	CONSTRAINT `contract_packages_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `contract_payments` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`contract_id` bigint unsigned NOT NULL,
	`kind` enum('deposit','payment','refund') NOT NULL,
	`amount` decimal(14,2) NOT NULL,
	`method` enum('cash','card','transfer','wallet') NOT NULL,
	`reference` varchar(100),
	`created_by` bigint unsigned,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `contract_payments_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `contract_students` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`contract_id` bigint unsigned NOT NULL,
	`level` enum('inicial','primaria','secundaria') NOT NULL,
	`grade` varchar(20) NOT NULL,
	`section` varchar(20),
	`name` varchar(200) NOT NULL,
	`guardian_name` varchar(200),
	`guardian_phone` varchar(32),
	`access_code` varchar(16) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `contract_students_id` PRIMARY KEY(`id`),
	CONSTRAINT `contract_students_code_uq` UNIQUE(`contract_id`,`access_code`)
);
--> statement-breakpoint
CREATE TABLE `contracts` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`school_id` bigint unsigned NOT NULL,
	`title` varchar(200) NOT NULL,
	`type` enum('annual','semester','monthly','project') NOT NULL,
	`valid_from` date NOT NULL,
	`valid_to` date NOT NULL,
	`status` enum('draft','active','completed','rescinded') NOT NULL DEFAULT 'draft',
	`value` decimal(14,2) NOT NULL DEFAULT '0.00',
	`commission_percent` decimal(5,2) NOT NULL DEFAULT '0.00',
	`photo_day` date,
	`makeup_day` date,
	`order_deadline` date,
	`delivery_to` enum('school','home') NOT NULL DEFAULT 'school',
	`clauses` text,
	`notes` text,
	`responsible_user_id` bigint unsigned,
	`rescinded_at` datetime(3),
	`rescind_reason` varchar(500),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `contracts_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `order_counters` (
	`year` smallint NOT NULL,
	`last` int NOT NULL DEFAULT 0,
	CONSTRAINT `order_counters_year_pk` PRIMARY KEY(`year`)
);
--> statement-breakpoint
CREATE TABLE `order_lines` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`order_id` bigint unsigned NOT NULL,
	`position` smallint NOT NULL,
	`kind` enum('item','frame') NOT NULL,
	`description` varchar(500) NOT NULL,
	`service_id` bigint unsigned,
	`material_id` bigint unsigned,
	`quantity` decimal(12,3) NOT NULL,
	`unit_price` decimal(14,2) NOT NULL,
	`discount` decimal(14,2) NOT NULL DEFAULT '0.00',
	`tax_rate` decimal(5,2) NOT NULL,
	`amount` decimal(14,2) NOT NULL,
	`discount_share` decimal(14,2) NOT NULL DEFAULT '0.00',
	`tax` decimal(14,2) NOT NULL,
	`total` decimal(14,2) NOT NULL,
	`cost` decimal(14,2) NOT NULL DEFAULT '0.00',
	`frame` json,
	CONSTRAINT `order_lines_id` PRIMARY KEY(`id`),
	CONSTRAINT `order_lines_order_position_uq` UNIQUE(`order_id`,`position`)
);
--> statement-breakpoint
CREATE TABLE `order_payments` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`order_id` bigint unsigned NOT NULL,
	`kind` enum('deposit','payment','refund') NOT NULL,
	`amount` decimal(14,2) NOT NULL,
	`method` enum('cash','card','transfer','wallet') NOT NULL,
	`reference` varchar(100),
	`created_by` bigint unsigned,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `order_payments_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `orders` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`number` varchar(40) NOT NULL,
	`year` smallint NOT NULL,
	`sequence` int NOT NULL,
	`client_id` bigint unsigned NOT NULL,
	`service_id` bigint unsigned,
	`status` enum('draft','confirmed','in_production','ready','delivered','cancelled') NOT NULL DEFAULT 'draft',
	`priority` enum('normal','rush') NOT NULL DEFAULT 'normal',
	`promised_at` datetime(3),
	`level` enum('inicial','primaria','secundaria'),
	`grade` varchar(20),
	`section` varchar(20),
	`contract_id` bigint unsigned,
	`student_id` bigint unsigned,
	`notes` text,
	`currency` char(3) NOT NULL DEFAULT 'PEN',
	`prices_include_tax` boolean NOT NULL DEFAULT false,
	`discount` decimal(14,2) NOT NULL DEFAULT '0.00',
	`subtotal` decimal(14,2) NOT NULL DEFAULT '0.00',
	`tax` decimal(14,2) NOT NULL DEFAULT '0.00',
	`total` decimal(14,2) NOT NULL DEFAULT '0.00',
	`confirmed_at` datetime(3),
	`delivered_at` datetime(3),
	`cancelled_at` datetime(3),
	`cancel_reason` varchar(500),
	`created_by` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `orders_id` PRIMARY KEY(`id`),
	CONSTRAINT `orders_number_uq` UNIQUE(`number`),
	CONSTRAINT `orders_year_sequence_uq` UNIQUE(`year`,`sequence`)
);
--> statement-breakpoint
ALTER TABLE `clients` MODIFY COLUMN `kind` enum('person','school','company') NOT NULL DEFAULT 'person';--> statement-breakpoint
ALTER TABLE `clients` ADD `contact_name` varchar(200);--> statement-breakpoint
CREATE INDEX `appointment_changes_appointment_idx` ON `appointment_changes` (`appointment_id`,`changed_at`);--> statement-breakpoint
CREATE INDEX `appointment_reminders_appointment_idx` ON `appointment_reminders` (`appointment_id`);--> statement-breakpoint
CREATE INDEX `appointment_reminders_due_idx` ON `appointment_reminders` (`status`,`remind_at`);--> statement-breakpoint
CREATE INDEX `appointments_resource_time_idx` ON `appointments` (`resource_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `appointments_starts_idx` ON `appointments` (`starts_at`);--> statement-breakpoint
CREATE INDEX `appointments_client_idx` ON `appointments` (`client_id`);--> statement-breakpoint
CREATE INDEX `appointments_order_idx` ON `appointments` (`order_id`);--> statement-breakpoint
CREATE INDEX `appointments_contract_idx` ON `appointments` (`contract_id`);--> statement-breakpoint
CREATE INDEX `config_entries_created_idx` ON `config_entries` (`created_at`);--> statement-breakpoint
CREATE INDEX `contract_packages_contract_idx` ON `contract_packages` (`contract_id`);--> statement-breakpoint
CREATE INDEX `contract_payments_contract_idx` ON `contract_payments` (`contract_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `contract_students_roster_idx` ON `contract_students` (`contract_id`,`level`,`grade`,`section`,`name`);--> statement-breakpoint
CREATE INDEX `contracts_school_idx` ON `contracts` (`school_id`);--> statement-breakpoint
CREATE INDEX `contracts_status_valid_to_idx` ON `contracts` (`status`,`valid_to`);--> statement-breakpoint
CREATE INDEX `contracts_title_idx` ON `contracts` (`title`);--> statement-breakpoint
CREATE INDEX `contracts_created_idx` ON `contracts` (`created_at`);--> statement-breakpoint
CREATE INDEX `order_lines_material_idx` ON `order_lines` (`material_id`);--> statement-breakpoint
CREATE INDEX `order_payments_order_idx` ON `order_payments` (`order_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `order_payments_created_idx` ON `order_payments` (`created_at`);--> statement-breakpoint
CREATE INDEX `orders_client_idx` ON `orders` (`client_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `orders_status_idx` ON `orders` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `orders_service_idx` ON `orders` (`service_id`);--> statement-breakpoint
CREATE INDEX `orders_contract_idx` ON `orders` (`contract_id`);--> statement-breakpoint
CREATE INDEX `orders_promised_idx` ON `orders` (`promised_at`);--> statement-breakpoint
CREATE INDEX `orders_created_idx` ON `orders` (`created_at`);