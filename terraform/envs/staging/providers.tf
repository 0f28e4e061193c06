# Generated from manifest/staging.yaml (over manifest/defaults.yaml) by `python -m generator render`.
# Do not edit: change the manifest and re-render; `make check-render` fails on hand edits.

provider "aws" {
  region = "eu-west-1"
  # A plan made with credentials of another account fails instead of touching it.
  allowed_account_ids = ["222222222222"]

  default_tags {
    tags = {
      cost-center = "analytics"
      env         = "staging"
      managed-by  = "clickstack"
      owner       = "data-platform"
      project     = "clickstack"
    }
  }
}
