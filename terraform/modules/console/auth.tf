locals {
  # Threat protection (formerly advanced security) exists only in the Plus feature plan.
  user_pool_tier = var.auth.threat_protection == "OFF" ? "ESSENTIALS" : "PLUS"

  callback_urls = distinct(concat(local.console_urls, var.auth.callback_urls))
  logout_urls   = distinct(concat(local.console_urls, var.auth.logout_urls))
}

# Operators only: nobody signs up, an administrator creates each user (who gets a temporary
# password by email and must change it and set up TOTP at the first sign-in).
resource "aws_cognito_user_pool" "this" {
  name                = local.name
  deletion_protection = var.deletion_protection ? "ACTIVE" : "INACTIVE"
  user_pool_tier      = local.user_pool_tier

  username_attributes      = ["email"]
  auto_verified_attributes = ["email"]

  username_configuration {
    case_sensitive = false
  }

  admin_create_user_config {
    allow_admin_create_user_only = true
  }

  password_policy {
    minimum_length                   = 14
    require_lowercase                = true
    require_uppercase                = true
    require_numbers                  = true
    require_symbols                  = true
    temporary_password_validity_days = 3
    # Password reuse prevention is set only with the Plus plan (threat protection on), a plan that
    # certainly includes it; the Essentials fallback leaves it out rather than risk a refusal.
    password_history_size = local.user_pool_tier == "PLUS" ? 5 : null
  }

  # TOTP only: SMS would need an SNS role and a spend limit, email MFA needs SES.
  mfa_configuration = var.auth.mfa

  software_token_mfa_configuration {
    enabled = true
  }

  account_recovery_setting {
    recovery_mechanism {
      name     = "verified_email"
      priority = 1
    }
  }

  # A changed email address stays unverified (and unused for sign-in) until its code is entered.
  user_attribute_update_settings {
    attributes_require_verification_before_update = ["email"]
  }

  # Set even when OFF, so the mode Cognito holds is always the one declared here.
  user_pool_add_ons {
    advanced_security_mode = var.auth.threat_protection
  }
}

# A public client (a browser cannot keep a secret): authorization code grant, which the web
# application runs with PKCE (S256). Cognito checks code_verifier whenever the authorize request
# carried a code_challenge; it cannot be told to refuse requests without one.
resource "aws_cognito_user_pool_client" "this" {
  name         = local.name
  user_pool_id = aws_cognito_user_pool.this.id

  generate_secret                      = false
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = ["openid", "email", "profile"]
  supported_identity_providers         = ["COGNITO"]
  callback_urls                        = local.callback_urls
  logout_urls                          = local.logout_urls

  # Sign-in happens on the hosted UI only; the client itself may just refresh its tokens.
  explicit_auth_flows           = ["ALLOW_REFRESH_TOKEN_AUTH"]
  prevent_user_existence_errors = "ENABLED"
  enable_token_revocation       = true
  auth_session_validity         = 3

  access_token_validity  = var.auth.access_token_validity_minutes
  id_token_validity      = var.auth.id_token_validity_minutes
  refresh_token_validity = var.auth.refresh_token_validity_days

  token_validity_units {
    access_token  = "minutes"
    id_token      = "minutes"
    refresh_token = "days"
  }
}

# Hosted UI at https://<prefix>.auth.<region>.amazoncognito.com.
resource "aws_cognito_user_pool_domain" "this" {
  domain       = local.hosted_ui_domain_prefix
  user_pool_id = aws_cognito_user_pool.this.id

  lifecycle {
    precondition {
      condition     = length(regexall("aws|amazon|cognito", local.hosted_ui_domain_prefix)) == 0
      error_message = "The hosted UI domain prefix \"${local.hosted_ui_domain_prefix}\" (from prefix) contains \"aws\", \"amazon\" or \"cognito\", which Cognito reserves: set auth.hosted_ui_domain_prefix."
    }
  }
}
