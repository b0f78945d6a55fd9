CREATE TABLE `cache_changes` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`tenant_id` bigint unsigned NOT NULL,
	`kind` varchar(20) NOT NULL,
	`node` varchar(36) NOT NULL,
	`created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	CONSTRAINT `cache_changes_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE INDEX `cache_changes_created_idx` ON `cache_changes` (`created_at`);