"""checkov loads external checks only from a package: this file makes policy/checkov one."""
