# Shared by every module under terraform/modules/: tests/generator/test_module_conventions.py
# fails when a module's versions.tf differs from this file.
terraform {
  required_version = ">= 1.10"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100, < 7.0"
    }
  }
}
