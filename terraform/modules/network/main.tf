data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  partition = data.aws_partition.current.partition
  region    = data.aws_region.current.name

  # The VPC range is cut into 16 equal blocks (newbits 4: a /16 gives /20 subnets, a /24 the
  # smallest subnet AWS allows, /28). A zone's letter picks its block - private a-h take 0-7,
  # public a-h take 8-15 - so a subnet's range depends only on its zone name: reordering,
  # adding or removing zones never renumbers (and so never replaces) another zone's subnets.
  zone_letters = ["a", "b", "c", "d", "e", "f", "g", "h"]
  zone_index   = { for zone in var.availability_zones : zone => index(local.zone_letters, substr(zone, -1, 1)) }

  private_subnet_cidrs = { for zone, i in local.zone_index : zone => cidrsubnet(var.cidr_block, 4, i) }
  public_subnet_cidrs  = { for zone, i in local.zone_index : zone => cidrsubnet(var.cidr_block, 4, 8 + i) }

  nat_enabled = var.nat.mode != "none"
  # single: one gateway in the alphabetically first zone, so the list order does not move it.
  nat_zones = {
    none   = []
    single = [sort(var.availability_zones)[0]]
    per_az = var.availability_zones
  }[var.nat.mode]
  # Zone whose NAT gateway each private route table uses.
  private_nat_zone = {
    for zone in var.availability_zones : zone => var.nat.mode == "per_az" ? zone : sort(var.availability_zones)[0]
  }
}

resource "aws_vpc" "this" {
  cidr_block = var.cidr_block
  # Both are required for the private DNS names of the interface endpoints.
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = {
    Name = var.prefix
  }

  lifecycle {
    precondition {
      condition     = alltrue([for zone in var.availability_zones : can(regex("^${local.region}[a-h]$", zone))])
      error_message = "availability_zones must be zones of the provider's region ${local.region}, e.g. ${local.region}a."
    }
  }
}

# Without rules the default group denies everything, so a resource that falls back to it
# (no security group given) gets no network access instead of the VPC-wide default.
resource "aws_default_security_group" "this" {
  vpc_id = aws_vpc.this.id

  tags = {
    Name = "${var.prefix}-default-unused"
  }
}

resource "aws_subnet" "private" {
  for_each = local.private_subnet_cidrs

  vpc_id            = aws_vpc.this.id
  availability_zone = each.key
  cidr_block        = each.value

  tags = {
    Name = "${var.prefix}-private-${each.key}"
  }
}

# Public subnets hold only the NAT gateways; nothing gets a public IP by default.
resource "aws_subnet" "public" {
  for_each = local.public_subnet_cidrs

  vpc_id                  = aws_vpc.this.id
  availability_zone       = each.key
  cidr_block              = each.value
  map_public_ip_on_launch = false

  tags = {
    Name = "${var.prefix}-public-${each.key}"
  }
}

resource "aws_internet_gateway" "this" {
  vpc_id = aws_vpc.this.id

  tags = {
    Name = var.prefix
  }
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.this.id

  tags = {
    Name = "${var.prefix}-public"
  }
}

resource "aws_route" "public_internet" {
  route_table_id         = aws_route_table.public.id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.this.id
}

resource "aws_route_table_association" "public" {
  for_each = aws_subnet.public

  subnet_id      = each.value.id
  route_table_id = aws_route_table.public.id
}

# One private route table per zone whatever the NAT mode, so switching modes only adds or
# removes routes and the S3 gateway endpoint keeps its route table associations.
resource "aws_route_table" "private" {
  for_each = local.private_subnet_cidrs

  vpc_id = aws_vpc.this.id

  tags = {
    Name = "${var.prefix}-private-${each.key}"
  }
}

resource "aws_route_table_association" "private" {
  for_each = aws_subnet.private

  subnet_id      = each.value.id
  route_table_id = aws_route_table.private[each.key].id
}

resource "aws_eip" "nat" {
  for_each = toset(local.nat_zones)

  domain = "vpc"

  tags = {
    Name = "${var.prefix}-nat-${each.key}"
  }

  depends_on = [aws_internet_gateway.this]
}

resource "aws_nat_gateway" "this" {
  for_each = toset(local.nat_zones)

  allocation_id = aws_eip.nat[each.key].id
  subnet_id     = aws_subnet.public[each.key].id

  tags = {
    Name = "${var.prefix}-${each.key}"
  }

  # A NAT gateway needs the internet gateway attached to forward traffic.
  depends_on = [aws_internet_gateway.this]
}

# With nat.mode = "none" private subnets have no default route: AWS APIs are reached through the
# endpoints (endpoints.tf) and anything else is unreachable by design.
resource "aws_route" "private_nat" {
  for_each = local.nat_enabled ? local.private_nat_zone : {}

  route_table_id         = aws_route_table.private[each.key].id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.this[each.value].id
}
