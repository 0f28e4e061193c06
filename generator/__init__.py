"""clickstack: manifest -> rendered Terraform -> gated plan -> apply."""
