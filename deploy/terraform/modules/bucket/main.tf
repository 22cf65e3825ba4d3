# A private bucket: public access blocked, owner-enforced, encrypted, versioned (versions are
# the point-in-time restore of media and backups), old versions expired, access logged.
variable "name" {
  description = "Bucket name."
  type        = string
}

variable "log_bucket" {
  description = "Bucket that receives this bucket's access logs (when log_access)."
  type        = string
  default     = ""
}

variable "log_access" {
  description = "Log access to log_bucket; false only for the log bucket itself."
  type        = bool
  default     = true
}

variable "object_ownership" {
  description = "BucketOwnerEnforced (no ACLs); the log bucket needs ACLs for CloudFront's log delivery."
  type        = string
  default     = "BucketOwnerEnforced"
}

variable "noncurrent_days" {
  description = "Days to keep replaced or deleted object versions."
  type        = number
}

variable "force_destroy" {
  description = "Let terraform destroy delete the objects too (throwaway environments only)."
  type        = bool
  default     = false
}

resource "aws_s3_bucket" "this" {
  bucket        = var.name
  force_destroy = var.force_destroy
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket                  = aws_s3_bucket.this.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "this" {
  # checkov:skip=CKV2_AWS_65:ACLs stay on only where object_ownership asks: the log bucket, as CloudFront delivers its logs by ACL.
  bucket = aws_s3_bucket.this.id
  rule {
    object_ownership = var.object_ownership
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_logging" "this" {
  count         = var.log_access ? 1 : 0
  bucket        = aws_s3_bucket.this.id
  target_bucket = var.log_bucket
  target_prefix = "s3/${var.name}/"
}

resource "aws_s3_bucket_lifecycle_configuration" "this" {
  bucket = aws_s3_bucket.this.id
  rule {
    id     = "old-versions"
    status = "Enabled"
    filter {}
    noncurrent_version_expiration {
      noncurrent_days = var.noncurrent_days
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }
}

output "id" {
  description = "Bucket name."
  value       = aws_s3_bucket.this.id
}

output "arn" {
  description = "Bucket ARN."
  value       = aws_s3_bucket.this.arn
}

output "regional_domain_name" {
  description = "For CloudFront origins."
  value       = aws_s3_bucket.this.bucket_regional_domain_name
}

output "domain_name" {
  description = "For CloudFront logging."
  value       = aws_s3_bucket.this.bucket_domain_name
}
