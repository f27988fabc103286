#!/usr/bin/env bash
# Post-deploy gate: starts Culprit's verification state machine for one deploy, waits for it, and fails the
# pipeline unless Culprit judges the deploy healthy. Works in any CI with the AWS CLI and credentials allowed
# states:StartExecution on the state machine and states:DescribeExecution / states:GetExecutionHistory on its
# executions.
#
#   verify-deploy.sh STATE_MACHINE_ARN SERVICE LOG_GROUP[,LOG_GROUP...] [DEPLOY_TIME]
#
# DEPLOY_TIME is when the new version took traffic (ISO-8601 with a zone; default now). The machine first waits
# (the stack's `verification.waitMinutes`, 10 by default), then reads the logs before and after the deploy.
# POLL_SECONDS (default 30) sets how often the execution is checked.
#
# Exit codes: 0 healthy; 1 Culprit judged the deploy suspect (its evidence is printed); 2 the verification
# could not judge (bad input, a failed verify function, a timeout or an abort; the execution's error is printed);
# any other code is the AWS CLI's own (no credentials, no such state machine).
set -euo pipefail

state_machine_arn=${1:?usage: verify-deploy.sh STATE_MACHINE_ARN SERVICE LOG_GROUPS [DEPLOY_TIME]}
service=${2:?service missing}
log_groups=${3:?log group(s) missing}
deploy_time=${4:-$(date -u +%Y-%m-%dT%H:%M:%SZ)}
poll_seconds=${POLL_SECONDS:-30}

input=$(jq -cn --arg service "$service" --arg deployTime "$deploy_time" --arg logGroups "$log_groups" \
  '{service: $service, deployTime: $deployTime, logGroups: ($logGroups | split(","))}')
# One execution per service and deploy time: a re-run of the job while it runs resumes waiting on the same one.
name=$(printf '%s-%s' "$service" "$deploy_time" | tr -c 'A-Za-z0-9_-' '-' | cut -c1-80)

execution_arn=$(aws stepfunctions start-execution --state-machine-arn "$state_machine_arn" --name "$name" \
  --input "$input" --query executionArn --output text)
echo "Culprit is verifying $service (deployed $deploy_time): $execution_arn"

# A failing describe-execution stops the script (set -e) rather than passing for a verdict.
while :; do
  status=$(aws stepfunctions describe-execution --execution-arn "$execution_arn" --query status --output text)
  [ "$status" = RUNNING ] || break
  sleep "$poll_seconds"
done

# The Verify state's output is Culprit's verdict: {verdict, confidence, evidence[], linesBefore, linesAfter}.
verdict=$(aws stepfunctions get-execution-history --execution-arn "$execution_arn" --reverse-order \
  --query "events[?stateExitedEventDetails.name=='Verify'] | [0].stateExitedEventDetails.output" --output text)
[ "$verdict" = None ] && verdict=''

if [ "$status" = SUCCEEDED ]; then
  echo "Culprit: $service is healthy after the deploy. $verdict"
  exit 0
fi
if [ -n "$verdict" ]; then
  headline="the deploy of $service is suspect"
  details="(execution $status). $verdict"
  code=1
else
  reason=$(aws stepfunctions describe-execution --execution-arn "$execution_arn" \
    --query "join(': ', [error || 'no error given', cause || 'no cause given'])" --output text)
  headline="could not verify the deploy of $service"
  details="(execution $status): $reason"
  code=2
fi
echo "Culprit: $headline $details" >&2
if [ -n "${GITHUB_ACTIONS:-}" ]; then
  echo "::error title=Culprit post-deploy gate::Culprit: $headline; see the step log for why"
fi
exit "$code"
