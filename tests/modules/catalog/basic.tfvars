prefix          = "clickstack-test"
raw_bucket_name = "clickstack-test-raw-111111111111"

# The collector envelope the API writes (one JSON object per Kinesis record).
columns = [
  { name = "envelope_version", type = "int", comment = "Envelope schema version." },
  { name = "received_at", type = "bigint", comment = "Collector receive time, epoch milliseconds." },
  { name = "source_ip", type = "string" },
  { name = "user_agent", type = "string" },
  { name = "request_id", type = "string", comment = "API Gateway request id." },
  { name = "event", type = "struct<event_id:string,event_type:string,timestamp:bigint,app_id:string,user_id:string,session_id:string,page_url:string,page_title:string,referrer:string,properties:map<string,string>>", comment = "The client's event as sent." },
]
