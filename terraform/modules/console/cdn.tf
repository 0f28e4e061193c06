locals {
  # AWS managed policies (same ids in every account; looking them up by name would be a data
  # source that calls AWS at plan time).
  managed_cache_policy_caching_optimized                   = "658327ea-f89d-4fab-a63d-7e88639e58f6"
  managed_cache_policy_caching_disabled                    = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
  managed_origin_request_policy_all_viewer_except_host_hdr = "b689b0a8-53d0-40ab-baf2-68738e2966ac"

  web_origin_id = "web"
  api_origin_id = "api"
  # https://<api id>.execute-api.<region>.amazonaws.com -> the host name CloudFront connects to.
  api_origin_domain = trimprefix(aws_apigatewayv2_api.this.api_endpoint, "https://")

  # The default *.cloudfront.net certificate fixes the minimum at TLSv1 (CloudFront ignores any
  # other value there); a custom domain gets TLSv1.2_2021.
  viewer_minimum_protocol_version = var.custom_domain == null ? "TLSv1" : "TLSv1.2_2021"
}

# sigv4 on every request ("always"), so the bucket policy can name this distribution.
resource "aws_cloudfront_origin_access_control" "web" {
  name                              = "${local.name}-web"
  description                       = "CloudFront ${local.name} reads ${local.web_bucket_name}."
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

# SPA fallback for the web behaviour only. Custom error responses (403/404 -> /index.html 200)
# would apply to the whole distribution and turn the API's own 403 and 404 answers into the
# HTML page with status 200, so client-side routes are rewritten before the cache instead.
resource "aws_cloudfront_function" "spa_fallback" {
  name    = "${local.name}-spa-fallback"
  runtime = "cloudfront-js-2.0"
  comment = "Answer client-side routes of the console with /index.html."
  publish = true
  code    = file("${path.module}/functions/spa_fallback.js")
}

resource "aws_cloudfront_response_headers_policy" "security" {
  name    = "${local.name}-security-headers"
  comment = "Security headers of the ${local.name} web application and API."

  security_headers_config {
    # Two years, the preload list's minimum; preload itself is a decision for the domain owner.
    strict_transport_security {
      access_control_max_age_sec = 63072000
      include_subdomains         = true
      preload                    = false
      override                   = true
    }

    content_type_options {
      override = true
    }

    frame_options {
      frame_option = "DENY"
      override     = true
    }

    referrer_policy {
      referrer_policy = "strict-origin-when-cross-origin"
      override        = true
    }

    dynamic "content_security_policy" {
      for_each = var.content_security_policy == null ? [] : [var.content_security_policy]
      content {
        content_security_policy = content_security_policy.value
        override                = true
      }
    }
  }
}

resource "aws_cloudfront_distribution" "this" {
  enabled             = true
  comment             = "${local.name}: operator console web application and its /api/*."
  aliases             = try(var.custom_domain.aliases, [])
  default_root_object = "index.html"
  price_class         = var.price_class
  http_version        = "http2and3"
  is_ipv6_enabled     = true
  web_acl_id          = var.web_acl_arn

  origin {
    origin_id                = local.web_origin_id
    domain_name              = aws_s3_bucket.web.bucket_regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.web.id
  }

  # The HTTP API on the same origin as the page: the browser needs no CORS, and the JWT travels
  # in the Authorization header, which AllViewerExceptHostHeader forwards when caching is off.
  origin {
    origin_id   = local.api_origin_id
    domain_name = local.api_origin_domain

    custom_origin_config {
      http_port                = 80
      https_port               = 443
      origin_protocol_policy   = "https-only"
      origin_ssl_protocols     = ["TLSv1.2"]
      origin_read_timeout      = 30
      origin_keepalive_timeout = 5
    }
  }

  default_cache_behavior {
    target_origin_id           = local.web_origin_id
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD", "OPTIONS"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = local.managed_cache_policy_caching_optimized
    response_headers_policy_id = aws_cloudfront_response_headers_policy.security.id

    function_association {
      event_type   = "viewer-request"
      function_arn = aws_cloudfront_function.spa_fallback.arn
    }
  }

  # https-only rather than a redirect: a 301 would make clients repeat a POST as a GET without
  # its body. The page itself is only ever served over HTTPS, so its API calls are too.
  ordered_cache_behavior {
    path_pattern               = "/api/*"
    target_origin_id           = local.api_origin_id
    viewer_protocol_policy     = "https-only"
    allowed_methods            = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = local.managed_cache_policy_caching_disabled
    origin_request_policy_id   = local.managed_origin_request_policy_all_viewer_except_host_hdr
    response_headers_policy_id = aws_cloudfront_response_headers_policy.security.id
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = var.custom_domain == null
    acm_certificate_arn            = try(var.custom_domain.acm_certificate_arn, null)
    ssl_support_method             = var.custom_domain == null ? null : "sni-only"
    minimum_protocol_version       = local.viewer_minimum_protocol_version
  }

  dynamic "logging_config" {
    for_each = var.access_logs == null ? [] : [var.access_logs]
    content {
      bucket          = "${logging_config.value.bucket}.s3.${local.dns_suffix}"
      prefix          = coalesce(logging_config.value.prefix, "cloudfront/${local.name}/")
      include_cookies = false
    }
  }
}
