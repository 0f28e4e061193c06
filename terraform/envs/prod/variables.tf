# Generated from manifest/prod.yaml (over manifest/defaults.yaml) by `python -m generator render`.
# Do not edit: change the manifest and re-render; `make check-render` fails on hand edits.

variable "artifacts" {
  description = "The packaged code artifacts (build/artifacts/manifest.json) by name: local file, content-addressed S3 key, SHA-256 as hex and base64, and the Flink connector jar inside a Flink zip. clickstack passes them at plan time (build/<env>/artifacts.tfvars.json); this root uploads them."
  type = map(object({
    file          = string
    key           = string
    sha256        = string
    sha256_base64 = string
    jarfile       = optional(string)
  }))
  nullable = false

  validation {
    condition     = alltrue([for name in ["flink/realtime_metrics", "glue/sessionize", "lambda/console_api", "lambda/firehose_transform", "lambda/profile_updater"] : contains(keys(var.artifacts), name)])
    error_message = "artifacts must hold every artifact this env runs (flink/realtime_metrics, glue/sessionize, lambda/console_api, lambda/firehose_transform, lambda/profile_updater): run `make package`."
  }
}
