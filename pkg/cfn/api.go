package cfn

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"

	"github.com/awslabs/goformation/v7/cloudformation"
	"github.com/awslabs/goformation/v7/cloudformation/apigateway"
	"github.com/ecsgen/ecsgen/pkg/expand"
)

const (
	apiID      = "TriggerApi"
	apiStageID = "TriggerApiStage"
	// apiStage is the stage name, the first part of every trigger's path.
	apiStage = "trigger"
)

// Each route of a public trigger API starts a Fargate task, which costs
// money: the stage admits one request a second, two at once, so a
// scripted caller cannot start thousands.
const (
	apiRateLimit  = 1.0
	apiBurstLimit = 2
)

// addAPI gives the app's HTTP triggers one REST API. Each route calls
// ECS's RunTask directly, through an AWS integration whose request is a
// fixed template: nothing from the caller reaches ECS, so a caller can
// start the task but not change what it runs.
func addAPI(t *Template, triggers []*expand.Trigger) {
	t.addResource(apiID, "tasks", &apigateway.RestApi{
		Name:                  new(cloudformation.Ref("AWS::StackName")),
		Description:           new("Starts the tasks of this stack on HTTP requests"),
		EndpointConfiguration: &apigateway.RestApi_EndpointConfiguration{Types: []string{"REGIONAL"}},
	})
	resources := map[string]string{} // path -> logical ID of its API resource
	var methods []string
	hash := sha256.New()
	for _, tr := range triggers {
		owner := "tasks." + tr.Task.Name + ".triggers"
		m := apiMethod(tr, apiResource(t, resources, tr.Route.Path, owner))
		id := LogicalID(tr.Name, "Method")
		t.addResource(id, owner, m)
		methods = append(methods, id)
		hash.Write(resolvedJSON(m))
		t.addOutput(LogicalID(tr.Name, "Url"), owner, cloudformation.Output{
			Value:       cloudformation.Sub("https://${" + apiID + "}.execute-api.${AWS::Region}.${AWS::URLSuffix}/" + apiStage + subLiteral(tr.Route.Path)),
			Description: new(tr.Route.Method + " here runs task " + tr.Task.Name),
		})
	}
	// API Gateway serves a deployment, a snapshot of the methods, and
	// CloudFormation makes a new one only for a new logical ID: naming it
	// after the methods' content redeploys the API exactly when they change.
	deployment := LogicalID("TriggerApiDeployment", hex.EncodeToString(hash.Sum(nil))[:8])
	t.addResource(deployment, "tasks", &apigateway.Deployment{
		RestApiId:                  cloudformation.Ref(apiID),
		AWSCloudFormationDependsOn: methods,
	})
	t.addResource(apiStageID, "tasks", &apigateway.Stage{
		RestApiId:      cloudformation.Ref(apiID),
		DeploymentId:   new(cloudformation.Ref(deployment)),
		StageName:      new(apiStage),
		TracingEnabled: new(true),
		MethodSettings: []apigateway.Stage_MethodSetting{{
			HttpMethod: new("*"), ResourcePath: new("/*"),
			ThrottlingRateLimit: new(apiRateLimit), ThrottlingBurstLimit: new(apiBurstLimit),
		}},
	})
}

// resolvedJSON is a resource as the template spells it. goformation
// encodes Fn::Sub's variables in map order, so its own JSON of the same
// resource differs from run to run.
func resolvedJSON(r any) []byte {
	var v any
	if err := json.Unmarshal(mustJSON(r), &v); err != nil {
		panic("cfn: " + err.Error())
	}
	return mustJSON(resolveIntrinsics(v))
}

// apiResource returns the API resource for path, creating it and its
// parents as needed.
func apiResource(t *Template, made map[string]string, path, owner string) string {
	parent := cloudformation.GetAtt(apiID, "RootResourceId")
	sofar := ""
	for _, part := range strings.Split(strings.TrimPrefix(path, "/"), "/") {
		sofar += "/" + part
		id, ok := made[sofar]
		if !ok {
			id = LogicalID("TriggerApi", sofar, "Resource")
			made[sofar] = id
			t.addResource(id, owner, &apigateway.Resource{
				RestApiId: cloudformation.Ref(apiID), ParentId: parent, PathPart: part,
			})
		}
		parent = cloudformation.Ref(id)
	}
	return parent
}

// apiMethod answers a route by running the task: 200 with the task's
// ARN, or 502 when ECS refuses.
func apiMethod(tr *expand.Trigger, resource string) *apigateway.Method {
	return &apigateway.Method{
		RestApiId:  cloudformation.Ref(apiID),
		ResourceId: resource,
		HttpMethod: tr.Route.Method,
		// Public like the seed's endpoint; the throttle above bounds it.
		AuthorizationType: new("NONE"),
		Integration: &apigateway.Method_Integration{
			Type:                  "AWS",
			IntegrationHttpMethod: new("POST"),
			Uri:                   new(cloudformation.Sub("arn:${AWS::Partition}:apigateway:${AWS::Region}:ecs:path//")),
			Credentials:           new(cloudformation.GetAtt(roleID(tr.Role), "Arn")),
			RequestParameters: map[string]string{
				"integration.request.header.X-Amz-Target": "'AmazonEC2ContainerServiceV20141113.RunTask'",
				"integration.request.header.Content-Type": "'application/x-amz-json-1.1'",
			},
			// NEVER: a request of another content type is refused rather
			// than passed through to ECS as the caller wrote it.
			PassthroughBehavior: new("NEVER"),
			RequestTemplates:    map[string]string{"application/json": ecsRunTaskRequest(tr.Task)},
			IntegrationResponses: []apigateway.Method_IntegrationResponse{
				{StatusCode: "200", ResponseTemplates: map[string]string{"application/json": `{"taskArn": "$input.path('$.tasks[0].taskArn')"}`}},
				{StatusCode: "502", SelectionPattern: new(`[45]\d{2}`)},
			},
		},
		MethodResponses: []apigateway.Method_MethodResponse{{StatusCode: "200"}, {StatusCode: "502"}},
	}
}
