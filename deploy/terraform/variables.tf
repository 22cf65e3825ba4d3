variable "region" {
  description = "AWS region for everything but CloudFront's global parts."
  type        = string
}

variable "environment" {
  description = "staging or production: part of every name."
  type        = string
  validation {
    condition     = contains(["staging", "production"], var.environment)
    error_message = "environment must be staging or production."
  }
}

variable "vpc_cidr" {
  description = "The VPC's address range; /20 subnets are cut from it, 3 public and 3 private."
  type        = string
  default     = "10.40.0.0/16"
}

variable "cluster_version" {
  description = "EKS Kubernetes version."
  type        = string
  default     = "1.32"
}

variable "node_instance_type" {
  description = "Instance type of the managed node group."
  type        = string
  default     = "t3.large"
}

variable "node_count" {
  description = "Nodes in the managed node group (desired; min is this, max is twice this)."
  type        = number
  default     = 3
}

variable "cluster_admin_cidrs" {
  description = "Addresses allowed to reach the EKS API endpoint from outside the VPC."
  type        = list(string)
  default     = []
}

variable "namespace" {
  description = "Kubernetes namespace of Daira in this environment (IRSA trust)."
  type        = string
}

variable "backup_retention_days" {
  description = "Days to keep old versions of backup objects after they are replaced."
  type        = number
  default     = 35
}

variable "web_aliases" {
  description = "Host names CloudFront answers for (needs acm_certificate_arn); empty: the cloudfront.net name."
  type        = list(string)
  default     = []
}

variable "acm_certificate_arn" {
  description = "ACM certificate (us-east-1) for web_aliases; null uses CloudFront's certificate."
  type        = string
  default     = null
}

variable "response_headers_policy_id" {
  description = "An existing CloudFront response headers policy; null creates Daira's (SPEC's security headers)."
  type        = string
  default     = null
}
