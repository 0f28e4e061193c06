prefix                    = "clickstack-test"
database_name             = "clickstream_test"
raw_bucket_name           = "clickstack-test-raw-111111111111"
events_prefix             = "raw/events"
projection_start_date     = "2025-06-15"
manage_catalog_encryption = true
catalog_kms_key_arn       = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"

columns = [
  { name = "envelope_version", type = "int" },
  { name = "received_at", type = "bigint" },
  { name = "source_ip", type = "string" },
  { name = "user_agent", type = "string" },
  { name = "request_id", type = "string" },
  { name = "event", type = "struct<event_id:string,event_type:string,timestamp:bigint,app_id:string,user_id:string,session_id:string,page_url:string,page_title:string,referrer:string,properties:map<string,string>>" },
]
