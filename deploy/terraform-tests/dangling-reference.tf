# Negative case for `make tf-check`: refers to a variable that does not exist.
resource "aws_s3_bucket" "dangling" {
  bucket = var.no_such_variable
}
