"""Drives the official Python client (python3-kubernetes) against FakeKubernetesApiServer for PythonClientTests.

Usage: python3 conformance.py KUBECONFIG SCENARIO; prints one JSON document with what the client saw.
"""

import json
import sys

from kubernetes import client, config, watch

TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json"


def namespaces(api_client):
    items = client.CoreV1Api(api_client).list_namespace().items
    return [{"name": ns.metadata.name,
             "label": (ns.metadata.labels or {}).get("kubernetes.io/metadata.name"),
             "finalizers": ns.spec.finalizers} for ns in items]


def scale(api_client):
    apps = client.AppsV1Api(api_client)
    deployment = client.V1Deployment(
        metadata=client.V1ObjectMeta(name="py-web", namespace="python"),
        spec=client.V1DeploymentSpec(
            replicas=1,
            selector=client.V1LabelSelector(match_labels={"app": "py-web"}),
            template=client.V1PodTemplateSpec(
                metadata=client.V1ObjectMeta(labels={"app": "py-web"}),
                spec=client.V1PodSpec(containers=[client.V1Container(name="web", image="nginx")]))))
    apps.create_namespaced_deployment("python", deployment)
    read = apps.read_namespaced_deployment_scale("py-web", "python")
    patched = apps.patch_namespaced_deployment_scale("py-web", "python", {"spec": {"replicas": 3}})
    patched_replicas = patched.spec.replicas
    patched.spec.replicas = 6
    replaced = apps.replace_namespaced_deployment_scale("py-web", "python", patched)
    return {"kind": read.kind, "selector": read.status.selector, "read": read.spec.replicas,
            "patched": patched_replicas, "replaced": replaced.spec.replicas,
            "stored": apps.read_namespaced_deployment("py-web", "python").spec.replicas}


def access(api_client):
    authz = client.AuthorizationV1Api(api_client)

    def allowed(namespace):
        review = client.V1SelfSubjectAccessReview(spec=client.V1SelfSubjectAccessReviewSpec(
            resource_attributes=client.V1ResourceAttributes(verb="list", resource="secrets", namespace=namespace)))
        return authz.create_self_subject_access_review(review).status.allowed

    rules = authz.create_self_subject_rules_review(client.V1SelfSubjectRulesReview(
        spec=client.V1SelfSubjectRulesReviewSpec(namespace="py-denied"))).status
    resources = sorted({resource for rule in rules.resource_rules for resource in rule.resources})
    return {"denied": allowed("py-denied"), "open": allowed("py-open"), "ruleResources": resources}


def table(api_client):
    body = api_client.call_api("/api/v1/namespaces", "GET", header_params={"Accept": TABLE},
                               auth_settings=["BearerToken"], response_type="object", _return_http_data_only=True)
    return {"kind": body["kind"], "columns": [column["name"] for column in body["columnDefinitions"]],
            "rows": [row["cells"][:2] for row in body["rows"]]}


def discovery(api_client):
    resources = client.AppsV1Api(api_client).get_api_resources().resources
    return {"all": sorted(r.name for r in resources if "all" in (r.categories or [])),
            "scale": sorted(r.name for r in resources if r.name.endswith("/scale"))}


def watch_true(api_client):
    core = client.CoreV1Api(api_client)
    core.create_namespaced_config_map("py-watch", client.V1ConfigMap(
        metadata=client.V1ObjectMeta(name="watched"), data={"k": "v"}))
    # the client sends watch=True, which kube-apiserver reads as true
    stream = watch.Watch()
    events = []
    for event in stream.stream(core.list_namespaced_config_map, "py-watch", timeout_seconds=10):
        events.append(event["type"] + " " + event["object"].metadata.name)
        stream.stop()
    return {"events": events}


def dry_run_delete(api_client):
    core = client.CoreV1Api(api_client)
    core.create_namespaced_config_map("py-dry", client.V1ConfigMap(metadata=client.V1ObjectMeta(name="kept")))
    core.delete_namespaced_config_map("kept", "py-dry", body=client.V1DeleteOptions(dry_run=["All"]))
    return {"kept": [cm.metadata.name for cm in core.list_namespaced_config_map("py-dry").items]}


def field_selector(api_client):
    try:
        client.CoreV1Api(api_client).list_namespaced_config_map("py-fields", field_selector="data.i=1")
        return {"status": 200}
    except client.ApiException as error:
        return {"status": error.status, "message": json.loads(error.body)["message"]}


SCENARIOS = {"namespaces": namespaces, "scale": scale, "access": access, "table": table, "discovery": discovery,
             "watch": watch_true, "dry-run-delete": dry_run_delete, "field-selector": field_selector}


def main():
    kubeconfig, scenario = sys.argv[1], sys.argv[2]
    api_client = config.new_client_from_config(config_file=kubeconfig)
    print(json.dumps(SCENARIOS[scenario](api_client)))


if __name__ == "__main__":
    main()
