CREATE TABLE `number_counters` (
	`series` varchar(20) NOT NULL,
	`year` smallint NOT NULL,
	`last` int NOT NULL DEFAULT 0,
	CONSTRAINT `number_counters_series_year_pk` PRIMARY KEY(`series`,`year`)
);
--> statement-breakpoint
CREATE TABLE `production_components` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`production_order_id` bigint unsigned NOT NULL,
	`material_id` bigint unsigned NOT NULL,
	`planned_qty` decimal(12,3) NOT NULL,
	`consumed_qty` decimal(12,3) NOT NULL DEFAULT '0.000',
	`waste_qty` decimal(12,3) NOT NULL DEFAULT '0.000',
	`waste_reason` varchar(500),
	`unit_cost` decimal(14,2),
	CONSTRAINT `production_components_id` PRIMARY KEY(`id`),
	CONSTRAINT `production_components_material_uq` UNIQUE(`production_order_id`,`material_id`),
	CONSTRAINT `production_components_planned_positive` CHECK(`production_components`.`planned_qty` > 0)
);
--> statement-breakpoint
CREATE TABLE `production_orders` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`number` varchar(40) NOT NULL,
	`order_id` bigint unsigned,
	`order_line_id` bigint unsigned,
	`type` enum('framing','minilab','graduation','laser_cut','digital_editing','other') NOT NULL,
	`priority` enum('low','normal','high','urgent') NOT NULL DEFAULT 'normal',
	`status` enum('draft','confirmed','waiting_material','in_progress','done','cancelled') NOT NULL DEFAULT 'draft',
	`assignee_id` bigint unsigned,
	`due_at` datetime(3),
	`notes` text,
	`confirmed_at` datetime(3),
	`started_at` datetime(3),
	`done_at` datetime(3),
	`cancelled_at` datetime(3),
	`cancel_reason` varchar(500),
	`created_by` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `production_orders_id` PRIMARY KEY(`id`),
	CONSTRAINT `production_orders_number_uq` UNIQUE(`number`)
);
--> statement-breakpoint
CREATE TABLE `products` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`code` varchar(50) NOT NULL,
	`description` varchar(500) NOT NULL,
	`kind` enum('frame','print','souvenir','graduation','painting','other') NOT NULL DEFAULT 'other',
	`production_order_id` bigint unsigned,
	`order_id` bigint unsigned,
	`location_id` bigint unsigned,
	`shelf` varchar(100),
	`price` decimal(14,2) NOT NULL DEFAULT '0.00',
	`status` enum('available','reserved','sold','delivered','damaged') NOT NULL DEFAULT 'available',
	`sold_order_id` bigint unsigned,
	`sold_at` datetime(3),
	`sold_by` bigint unsigned,
	`delivered_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `products_id` PRIMARY KEY(`id`),
	CONSTRAINT `products_code_uq` UNIQUE(`code`),
	CONSTRAINT `products_production_uq` UNIQUE(`production_order_id`)
);
--> statement-breakpoint
CREATE TABLE `stock_alerts` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`kind` enum('low_stock','out_of_stock','high_waste') NOT NULL,
	`material_id` bigint unsigned,
	`production_order_id` bigint unsigned,
	`available` decimal(12,3),
	`minimum` decimal(12,3),
	`waste_percent` decimal(6,2),
	`opened_at` datetime(3) NOT NULL,
	`closed_at` datetime(3),
	`open_material_id` bigint unsigned GENERATED ALWAYS AS (IF(closed_at IS NULL AND kind IN ('low_stock', 'out_of_stock'), material_id, NULL)) VIRTUAL,
	CONSTRAINT `stock_alerts_id` PRIMARY KEY(`id`),
	CONSTRAINT `stock_alerts_open_material_uq` UNIQUE(`open_material_id`)
);
--> statement-breakpoint
CREATE TABLE `stock_balances` (
	`material_id` bigint unsigned NOT NULL,
	`location_id` bigint unsigned NOT NULL,
	`on_hand` decimal(12,3) NOT NULL DEFAULT '0.000',
	`reserved` decimal(12,3) NOT NULL DEFAULT '0.000',
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `stock_balances_material_id_location_id_pk` PRIMARY KEY(`material_id`,`location_id`),
	CONSTRAINT `stock_balances_on_hand_non_negative` CHECK(`stock_balances`.`on_hand` >= 0),
	CONSTRAINT `stock_balances_reserved_range` CHECK(`stock_balances`.`reserved` >= 0 AND `stock_balances`.`reserved` <= `stock_balances`.`on_hand`)
);
--> statement-breakpoint
CREATE TABLE `stock_counts` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`note` varchar(500),
	`user_id` bigint unsigned,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `stock_counts_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `stock_locations` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`code` varchar(50) NOT NULL,
	`name` varchar(200) NOT NULL,
	`kind` enum('internal','supplier','customer','production','scrap','adjustment') NOT NULL,
	`is_default` boolean NOT NULL DEFAULT false,
	`active` boolean NOT NULL DEFAULT true,
	`default_flag` bigint GENERATED ALWAYS AS (IF(is_default, 1, NULL)) VIRTUAL,
	`virtual_kind` varchar(20) GENERATED ALWAYS AS (IF(kind = 'internal', NULL, kind)) VIRTUAL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `stock_locations_id` PRIMARY KEY(`id`),
	CONSTRAINT `stock_locations_code_uq` UNIQUE(`code`),
	CONSTRAINT `stock_locations_default_uq` UNIQUE(`default_flag`),
	CONSTRAINT `stock_locations_virtual_uq` UNIQUE(`virtual_kind`)
);
--> statement-breakpoint
CREATE TABLE `stock_movements` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`material_id` bigint unsigned NOT NULL,
	`type` enum('receipt','consume','waste','adjust','return','transfer') NOT NULL,
	`quantity` decimal(12,3) NOT NULL,
	`from_location_id` bigint unsigned NOT NULL,
	`to_location_id` bigint unsigned NOT NULL,
	`unit_cost` decimal(14,2) NOT NULL DEFAULT '0.00',
	`reason` varchar(500),
	`user_id` bigint unsigned,
	`production_order_id` bigint unsigned,
	`count_id` bigint unsigned,
	`reverses_id` bigint unsigned,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `stock_movements_id` PRIMARY KEY(`id`),
	CONSTRAINT `stock_movements_reverses_uq` UNIQUE(`reverses_id`),
	CONSTRAINT `stock_movements_quantity_positive` CHECK(`stock_movements`.`quantity` > 0),
	CONSTRAINT `stock_movements_locations_differ` CHECK(`stock_movements`.`from_location_id` <> `stock_movements`.`to_location_id`)
);
--> statement-breakpoint
CREATE TABLE `stock_reservations` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`material_id` bigint unsigned NOT NULL,
	`location_id` bigint unsigned NOT NULL,
	`production_order_id` bigint unsigned NOT NULL,
	`quantity` decimal(12,3) NOT NULL,
	`status` enum('active','released','consumed') NOT NULL DEFAULT 'active',
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `stock_reservations_id` PRIMARY KEY(`id`),
	CONSTRAINT `stock_reservations_quantity_positive` CHECK(`stock_reservations`.`quantity` > 0)
);
--> statement-breakpoint
ALTER TABLE `materials` ADD `avg_cost` decimal(14,2) DEFAULT '0.00' NOT NULL;--> statement-breakpoint
ALTER TABLE `materials` ADD `on_order_qty` decimal(12,3) DEFAULT '0.000' NOT NULL;--> statement-breakpoint
CREATE INDEX `production_components_material_idx` ON `production_components` (`material_id`);--> statement-breakpoint
CREATE INDEX `production_orders_status_due_idx` ON `production_orders` (`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `production_orders_order_idx` ON `production_orders` (`order_id`);--> statement-breakpoint
CREATE INDEX `production_orders_line_idx` ON `production_orders` (`order_line_id`);--> statement-breakpoint
CREATE INDEX `production_orders_assignee_idx` ON `production_orders` (`assignee_id`,`status`);--> statement-breakpoint
CREATE INDEX `production_orders_created_idx` ON `production_orders` (`created_at`);--> statement-breakpoint
CREATE INDEX `products_status_idx` ON `products` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `products_location_idx` ON `products` (`location_id`);--> statement-breakpoint
CREATE INDEX `products_shelf_idx` ON `products` (`shelf`);--> statement-breakpoint
CREATE INDEX `products_order_idx` ON `products` (`order_id`);--> statement-breakpoint
CREATE INDEX `products_created_idx` ON `products` (`created_at`);--> statement-breakpoint
CREATE INDEX `stock_alerts_open_idx` ON `stock_alerts` (`closed_at`,`kind`);--> statement-breakpoint
CREATE INDEX `stock_alerts_production_idx` ON `stock_alerts` (`production_order_id`);--> statement-breakpoint
CREATE INDEX `stock_balances_location_idx` ON `stock_balances` (`location_id`);--> statement-breakpoint
CREATE INDEX `stock_counts_created_idx` ON `stock_counts` (`created_at`);--> statement-breakpoint
CREATE INDEX `stock_movements_material_idx` ON `stock_movements` (`material_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `stock_movements_production_idx` ON `stock_movements` (`production_order_id`);--> statement-breakpoint
CREATE INDEX `stock_movements_type_idx` ON `stock_movements` (`type`,`created_at`);--> statement-breakpoint
CREATE INDEX `stock_movements_created_idx` ON `stock_movements` (`created_at`);--> statement-breakpoint
CREATE INDEX `stock_reservations_production_idx` ON `stock_reservations` (`production_order_id`,`status`);--> statement-breakpoint
CREATE INDEX `stock_reservations_material_idx` ON `stock_reservations` (`material_id`,`status`);--> statement-breakpoint
-- The stock ledger is immutable: the database itself refuses to change or remove a movement (a correction is a reversing movement).
CREATE TRIGGER `stock_movements_no_update` BEFORE UPDATE ON `stock_movements` FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'stock_movements is append-only';
--> statement-breakpoint
CREATE TRIGGER `stock_movements_no_delete` BEFORE DELETE ON `stock_movements` FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'stock_movements is append-only';
--> statement-breakpoint
-- Every studio starts with its default internal location and one virtual location per counterpart.
INSERT INTO `stock_locations` (`code`, `name`, `kind`, `is_default`) VALUES
  ('PRINCIPAL', 'Almacén principal', 'internal', 1),
  ('PROVEEDOR', 'Proveedores', 'supplier', 0),
  ('CLIENTE', 'Clientes', 'customer', 0),
  ('PRODUCCION', 'Producción', 'production', 0),
  ('MERMA', 'Mermas', 'scrap', 0),
  ('AJUSTE', 'Ajustes de inventario', 'adjustment', 0);
