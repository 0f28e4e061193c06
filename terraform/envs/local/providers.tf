# Generated from manifest/local.yaml (over manifest/defaults.yaml) by `python -m generator render`.
# Do not edit: change the manifest and re-render; `make check-render` fails on hand edits.

provider "aws" {
  region = "eu-west-1"
  # A plan made with credentials of another account fails instead of touching it.
  allowed_account_ids = ["123456789012"]

  # The local AWS of `make up`: clickstack sets AWS_ENDPOINT_URL, AWS_CA_BUNDLE and fake keys
  # from build/local-aws/endpoint.json (and drops any profile), so this root reaches no AWS
  # account. The local AWS answers calls it lacks with HTTP 500, which the default 25 retries
  # would repeat for minutes; a few retries still ride out a dropped keep-alive connection.
  s3_use_path_style       = true
  skip_metadata_api_check = true
  max_retries             = 3

  default_tags {
    tags = {
      cost-center = "analytics-local"
      env         = "local"
      managed-by  = "clickstack"
      owner       = "data-platform"
      project     = "clickstack"
    }
  }
}
