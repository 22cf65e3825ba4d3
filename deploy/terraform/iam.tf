# Roles for Kubernetes service accounts (IRSA): each pod gets only the bucket it writes.
locals {
  oidc_host = replace(aws_iam_openid_connect_provider.eks.url, "https://", "")
  service_roles = {
    # The CloudNativePG instances write base backups and WAL.
    backup-writer = { service_account = "daira-db", bucket = "backups" }
    # The api uploads avatars.
    media-writer = { service_account = "daira-api", bucket = "media" }
  }
}

data "aws_iam_policy_document" "irsa_trust" {
  for_each = local.service_roles
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.eks.arn]
    }
    condition {
      test     = "StringEquals"
      variable = "${local.oidc_host}:sub"
      values   = ["system:serviceaccount:${var.namespace}:${each.value.service_account}"]
    }
    condition {
      test     = "StringEquals"
      variable = "${local.oidc_host}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "service" {
  for_each           = local.service_roles
  name               = "${local.name}-${each.key}"
  assume_role_policy = data.aws_iam_policy_document.irsa_trust[each.key].json
}

data "aws_iam_policy_document" "bucket_access" {
  for_each = local.service_roles
  statement {
    actions   = ["s3:ListBucket", "s3:GetBucketLocation"]
    resources = [local.buckets[each.value.bucket].arn]
  }
  statement {
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = ["${local.buckets[each.value.bucket].arn}/*"]
  }
}

resource "aws_iam_role_policy" "service" {
  for_each = local.service_roles
  name     = "bucket-access"
  role     = aws_iam_role.service[each.key].id
  policy   = data.aws_iam_policy_document.bucket_access[each.key].json
}
