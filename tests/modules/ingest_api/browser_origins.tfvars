prefix                      = "clickstack-test"
stream_name                 = "clickstack-test-events"
stream_arn                  = "arn:aws:kinesis:eu-west-1:111111111111:stream/clickstack-test-events"
kms_key_arn                 = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"
stage_name                  = "live"
access_log_retention_days   = 90
manage_account_logging_role = true
cors_allow_origins          = ["https://www.example.com", "https://shop.example.com"]
throttling = {
  rate_limit  = 500
  burst_limit = 1000
}
request_model_schema = <<-JSON
  {
    "$schema": "http://json-schema.org/draft-04/schema#",
    "title": "CollectRequest",
    "type": "array",
    "minItems": 1,
    "maxItems": 500,
    "items": {
      "type": "object",
      "required": ["event_id", "event_type", "timestamp", "app_id", "user_id", "session_id"],
      "properties": {
        "event_id": {"type": "string", "minLength": 1, "maxLength": 64},
        "event_type": {"type": "string", "minLength": 1, "maxLength": 64},
        "timestamp": {"type": "integer", "minimum": 0},
        "app_id": {"type": "string", "minLength": 1, "maxLength": 64},
        "user_id": {"type": "string", "minLength": 1, "maxLength": 256},
        "session_id": {"type": "string", "minLength": 1, "maxLength": 64},
        "page_url": {"type": "string", "maxLength": 2048},
        "page_title": {"type": "string", "maxLength": 512},
        "referrer": {"type": "string", "maxLength": 2048},
        "properties": {"type": "object", "additionalProperties": {"type": "string"}}
      },
      "additionalProperties": false
    }
  }
JSON
