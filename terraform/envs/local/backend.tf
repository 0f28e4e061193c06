# Generated from manifest/local.yaml (over manifest/defaults.yaml) by `python -m generator render`.
# Do not edit: change the manifest and re-render; `make check-render` fails on hand edits.

terraform {
  # The local AWS keeps resources in memory only, so their state stays on this machine too:
  # clickstack passes path = build/local/terraform.tfstate at init.
  backend "local" {}
}
