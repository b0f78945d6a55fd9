CREATE TABLE `operator_session_tokens` (
	`token_hash` char(64) NOT NULL,
	`session_id` bigint unsigned NOT NULL,
	`kind` enum('access','refresh') NOT NULL,
	`expires_at` datetime(3) NOT NULL,
	`used_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `operator_session_tokens_token_hash` PRIMARY KEY(`token_hash`)
);
--> statement-breakpoint
CREATE TABLE `operator_sessions` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`operator_id` bigint unsigned NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`last_used_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`expires_at` datetime(3) NOT NULL,
	`revoked_at` datetime(3),
	`revoked_reason` varchar(50),
	`ip` varchar(64),
	`user_agent` varchar(500),
	CONSTRAINT `operator_sessions_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `operators` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`email` varchar(254) NOT NULL,
	`name` varchar(200) NOT NULL,
	`password_hash` varchar(255) NOT NULL,
	`is_active` boolean NOT NULL DEFAULT true,
	`last_login_at` datetime(3),
	`password_changed_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `operators_id` PRIMARY KEY(`id`),
	CONSTRAINT `operators_email_unique` UNIQUE(`email`)
);
--> statement-breakpoint
ALTER TABLE `operator_session_tokens` ADD CONSTRAINT `operator_session_tokens_session_id_operator_sessions_id_fk` FOREIGN KEY (`session_id`) REFERENCES `operator_sessions`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `operator_sessions` ADD CONSTRAINT `operator_sessions_operator_id_operators_id_fk` FOREIGN KEY (`operator_id`) REFERENCES `operators`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `operator_session_tokens_session_idx` ON `operator_session_tokens` (`session_id`);--> statement-breakpoint
CREATE INDEX `operator_sessions_operator_idx` ON `operator_sessions` (`operator_id`);