# What the backend Lambda's role needs (lambda_function's extra_policy_json): item reads and
# writes on this table (TransactWriteItems is authorised per item as Put/Update/Delete/
# ConditionCheckItem), queries on its indexes, and the platform key through DynamoDB only. No
# Scan, no table management. Sids are distinct from lambda_function's own statements. The table
# ARN is built from its name, so the document is known at plan time (and in test inventories).
data "aws_iam_policy_document" "backend" {
  statement {
    sid = "ConsoleTableItems"
    actions = [
      "dynamodb:BatchGetItem",
      "dynamodb:BatchWriteItem",
      "dynamodb:ConditionCheckItem",
      "dynamodb:DeleteItem",
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:Query",
      "dynamodb:UpdateItem",
    ]
    resources = [local.table_arn]
  }

  # The table has no index today; one added to it later is covered without a policy change.
  statement {
    sid       = "ConsoleTableIndexes"
    actions   = ["dynamodb:Query"]
    resources = ["${local.table_arn}/index/*"]
  }

  # The table is encrypted with the platform key; DynamoDB uses it on the caller's behalf.
  statement {
    sid       = "ConsoleTableKey"
    actions   = ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey"]
    resources = [var.kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["dynamodb.${local.region}.${local.dns_suffix}"]
    }
  }
}
