# media: avatars (served through CloudFront); backups: CloudNativePG's base backups and WAL;
# web: the built SPA (served through CloudFront); logs: access and flow logs of the others.
locals {
  bucket_prefix = "${local.name}-${data.aws_caller_identity.current.account_id}"
}

module "logs" {
  source           = "./modules/bucket"
  name             = "${local.bucket_prefix}-logs"
  log_access       = false
  object_ownership = "BucketOwnerPreferred"
  noncurrent_days  = 30
}

module "media" {
  source          = "./modules/bucket"
  depends_on      = [aws_s3_bucket_policy.logs]
  name            = "${local.bucket_prefix}-media"
  log_bucket      = module.logs.id
  noncurrent_days = var.backup_retention_days
}

module "backups" {
  source          = "./modules/bucket"
  depends_on      = [aws_s3_bucket_policy.logs]
  name            = "${local.bucket_prefix}-backups"
  log_bucket      = module.logs.id
  noncurrent_days = var.backup_retention_days
}

module "web" {
  source          = "./modules/bucket"
  depends_on      = [aws_s3_bucket_policy.logs]
  name            = "${local.bucket_prefix}-web"
  log_bucket      = module.logs.id
  noncurrent_days = 30
}

# S3 server access logs and VPC flow logs are delivered by AWS services, allowed here.
data "aws_iam_policy_document" "logs" {
  statement {
    sid       = "S3ServerAccessLogs"
    actions   = ["s3:PutObject"]
    resources = ["${module.logs.arn}/*"]
    principals {
      type        = "Service"
      identifiers = ["logging.s3.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
  statement {
    sid       = "FlowLogsWrite"
    actions   = ["s3:PutObject"]
    resources = ["${module.logs.arn}/AWSLogs/${data.aws_caller_identity.current.account_id}/*"]
    principals {
      type        = "Service"
      identifiers = ["delivery.logs.amazonaws.com"]
    }
  }
  statement {
    sid       = "FlowLogsAcl"
    actions   = ["s3:GetBucketAcl"]
    resources = [module.logs.arn]
    principals {
      type        = "Service"
      identifiers = ["delivery.logs.amazonaws.com"]
    }
  }
}

resource "aws_s3_bucket_policy" "logs" {
  bucket = module.logs.id
  policy = data.aws_iam_policy_document.logs.json
}

locals {
  buckets = {
    logs    = module.logs
    media   = module.media
    backups = module.backups
    web     = module.web
  }
}

data "aws_iam_policy_document" "cloudfront_read" {
  for_each = toset(["web", "media"])
  statement {
    actions   = ["s3:GetObject"]
    resources = ["${local.buckets[each.key].arn}/*"]
    principals {
      type        = "Service"
      identifiers = ["cloudfront.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "AWS:SourceArn"
      values   = [aws_cloudfront_distribution.main.arn]
    }
  }
}

resource "aws_s3_bucket_policy" "cloudfront_read" {
  for_each = data.aws_iam_policy_document.cloudfront_read
  bucket   = local.buckets[each.key].id
  policy   = each.value.json
}
