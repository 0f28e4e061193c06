locals {
  # The documented permission sets of a QuickSight data source: a viewer can use it in datasets,
  # an owner can also edit, share and delete it.
  viewer_actions = [
    "quicksight:DescribeDataSource",
    "quicksight:DescribeDataSourcePermissions",
    "quicksight:PassDataSource",
  ]
  owner_actions = concat(local.viewer_actions, [
    "quicksight:UpdateDataSource",
    "quicksight:DeleteDataSource",
    "quicksight:UpdateDataSourcePermissions",
  ])
  actions = {
    owner  = local.owner_actions
    viewer = local.viewer_actions
  }
}

resource "aws_quicksight_data_source" "this" {
  aws_account_id = var.account_id
  data_source_id = "${var.prefix}-athena"
  name           = "${var.prefix} Athena"
  type           = "ATHENA"

  parameters {
    athena {
      work_group = var.athena_workgroup_name
    }
  }

  ssl_properties {
    disable_ssl = !var.ssl
  }

  dynamic "permission" {
    for_each = var.principals
    content {
      principal = permission.value.arn
      actions   = local.actions[permission.value.actions]
    }
  }
}
