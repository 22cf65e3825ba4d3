output "cluster_endpoint" {
  description = "The EKS API endpoint."
  value       = aws_eks_cluster.main.endpoint
}

output "kubeconfig_command" {
  description = "Writes a kubeconfig entry for this cluster."
  value       = "aws eks update-kubeconfig --region ${var.region} --name ${aws_eks_cluster.main.name}"
}

output "bucket_names" {
  description = "media, backups, web and logs buckets."
  value       = { for k, b in local.buckets : k => b.id }
}

output "ecr_repositories" {
  description = "Where the deploy workflow pushes the images."
  value       = { for k, r in aws_ecr_repository.this : k => r.repository_url }
}

output "distribution_domain" {
  description = "CloudFront's domain name for the web app and media."
  value       = aws_cloudfront_distribution.main.domain_name
}

output "distribution_id" {
  description = "For invalidating index.html after a deploy."
  value       = aws_cloudfront_distribution.main.id
}

output "service_account_roles" {
  description = "IAM role ARNs to annotate the Kubernetes service accounts with (IRSA)."
  value       = { for k, r in aws_iam_role.service : k => r.arn }
}
