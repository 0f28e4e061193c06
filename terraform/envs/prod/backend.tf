# Generated from manifest/prod.yaml (over manifest/defaults.yaml) by `python -m generator render`.
# Do not edit: change the manifest and re-render; `make check-render` fails on hand edits.

terraform {
  backend "s3" {
    bucket  = "clickstack-tfstate-333333333333"
    key     = "clickstack/prod/terraform.tfstate"
    region  = "eu-west-1"
    encrypt = true
    # S3-native state locking (Terraform >= 1.10): no DynamoDB lock table.
    use_lockfile = true
  }
}
