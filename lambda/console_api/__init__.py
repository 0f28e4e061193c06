"""Operator console API (API Gateway HTTP API, payload 2.0, Cognito JWT authorizer): projects
and the apps registered under them, in one DynamoDB table. See README.md beside this file."""
