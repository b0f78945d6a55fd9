CREATE TABLE `db_servers` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`name` varchar(64) NOT NULL,
	`host` varchar(255) NOT NULL,
	`port` int unsigned NOT NULL,
	`credentials_ref` varchar(255) NOT NULL,
	`status` enum('active','draining','disabled') NOT NULL DEFAULT 'active',
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `db_servers_id` PRIMARY KEY(`id`),
	CONSTRAINT `db_servers_name_unique` UNIQUE(`name`)
);
--> statement-breakpoint
CREATE TABLE `domains` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`domain` varchar(253) NOT NULL,
	`tenant_id` bigint unsigned NOT NULL,
	`is_primary` boolean NOT NULL DEFAULT false,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `domains_id` PRIMARY KEY(`id`),
	CONSTRAINT `domains_domain_unique` UNIQUE(`domain`)
);
--> statement-breakpoint
CREATE TABLE `tenants` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`slug` varchar(63) NOT NULL,
	`name` varchar(200) NOT NULL,
	`business_type` varchar(50) NOT NULL DEFAULT 'photo_framing',
	`plan` varchar(50) NOT NULL DEFAULT 'standard',
	`status` enum('provisioning','active','suspended','archived') NOT NULL DEFAULT 'provisioning',
	`server_id` bigint unsigned NOT NULL,
	`database_name` varchar(64) NOT NULL,
	`schema_version` int unsigned NOT NULL DEFAULT 0,
	`time_zone` varchar(64) NOT NULL DEFAULT 'UTC',
	`currency` varchar(3) NOT NULL DEFAULT 'USD',
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `tenants_id` PRIMARY KEY(`id`),
	CONSTRAINT `tenants_slug_unique` UNIQUE(`slug`),
	CONSTRAINT `tenants_databaseName_unique` UNIQUE(`database_name`)
);
--> statement-breakpoint
ALTER TABLE `domains` ADD CONSTRAINT `domains_tenant_id_tenants_id_fk` FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `tenants` ADD CONSTRAINT `tenants_server_id_db_servers_id_fk` FOREIGN KEY (`server_id`) REFERENCES `db_servers`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `domains_tenant_idx` ON `domains` (`tenant_id`);--> statement-breakpoint
CREATE INDEX `tenants_server_idx` ON `tenants` (`server_id`);--> statement-breakpoint
CREATE INDEX `tenants_schema_idx` ON `tenants` (`schema_version`);