"""Quire's fine-tuned Llama-3 on Modal, behind vLLM's OpenAI-compatible server.

    modal secret create quire-llm MODAL_API_KEY=$(openssl rand -hex 32) [HF_TOKEN=hf_...]
    QUIRE_MODEL=your-org/quire-llama3-8b-writer modal deploy deploy/modal/quire_llama.py

Then point Quire at it (see docs/model-ops.md):

    MODAL_LLAMA_URL=https://<workspace>--quire-llama-serve.modal.run/v1
    MODAL_API_KEY=<the same key>
    MODAL_LLAMA_MODEL=quire-writer

What the app gets:
- POST /v1/chat/completions, streaming (SSE with `[DONE]` and usage when asked) or not: vLLM's own
  OpenAI-compatible server, which Quire's openai-compatible adapter speaks.
- Bearer auth: vLLM's `--api-key` refuses every /v1 request without `Authorization: Bearer
  $MODAL_API_KEY`. The key comes from the Modal secret `quire-llm`, never from this file.
- GET /health: vLLM's health route, open (no key) so that uptime checks need no secret; it answers
  200 once the engine is up. `npm run llm -- --health` probes the authenticated path.
- A kept-warm container: MODAL_KEEP_WARM=1 (at deploy time) keeps one replica running, so the first
  request of the day does not pay a cold start (model load: ~1-3 min for an 8B model); 0 scales to
  zero when idle after SCALEDOWN_MINUTES.

The model is the merged 16-bit export of an Unsloth fine-tune (`model.save_pretrained_merged(...,
save_method="merged_16bit")`, pushed to the Hugging Face Hub or a Modal volume). vLLM can also serve
a base model plus a LoRA adapter: set QUIRE_LORA to the adapter repo (see docs/model-ops.md).
"""

import os
import subprocess

import modal

# ---- settings, read when `modal deploy` runs (the shell's environment) ----
MODEL = os.environ.get("QUIRE_MODEL", "your-org/quire-llama3-8b-writer")
# Pin what you evaluated: a commit hash of the model repo (default: the branch head).
MODEL_REVISION = os.environ.get("QUIRE_MODEL_REVISION", "main")
# The name clients send as "model"; MODAL_LLAMA_MODEL in Quire must match it.
SERVED_NAME = os.environ.get("QUIRE_SERVED_MODEL_NAME", "quire-writer")
# Optional LoRA adapter on top of MODEL (served under SERVED_NAME instead of the base).
LORA = os.environ.get("QUIRE_LORA", "")
GPU = os.environ.get("QUIRE_GPU", "L40S")
MAX_MODEL_LEN = int(os.environ.get("QUIRE_MAX_MODEL_LEN", "16384"))
KEEP_WARM = int(os.environ.get("MODAL_KEEP_WARM", "0"))
SCALEDOWN_MINUTES = int(os.environ.get("QUIRE_SCALEDOWN_MINUTES", "15"))
MAX_CONCURRENT = int(os.environ.get("QUIRE_MAX_CONCURRENT", "32"))
VLLM_VERSION = os.environ.get("QUIRE_VLLM_VERSION", "0.10.1.1")

PORT = 8000
MINUTES = 60

image = (
    modal.Image.debian_slim(python_version="3.12")
    .pip_install(f"vllm=={VLLM_VERSION}", "huggingface_hub[hf_transfer]")
    .env({"HF_HUB_ENABLE_HF_TRANSFER": "1"})
)

# Weights and vLLM's compile cache survive container restarts, so a cold start is a load, not a download.
hf_cache = modal.Volume.from_name("quire-hf-cache", create_if_missing=True)
vllm_cache = modal.Volume.from_name("quire-vllm-cache", create_if_missing=True)

app = modal.App("quire-llama")


def vllm_command() -> list[str]:
    cmd = [
        "vllm",
        "serve",
        MODEL,
        "--revision",
        MODEL_REVISION,
        "--host",
        "0.0.0.0",
        "--port",
        str(PORT),
        "--max-model-len",
        str(MAX_MODEL_LEN),
        # The key is read from the environment the secret sets; it never appears in this file or the image.
        "--api-key",
        os.environ["MODAL_API_KEY"],
        "--uvicorn-log-level",
        "warning",
    ]
    if LORA:
        # The adapter is served under SERVED_NAME; the base keeps its repo name.
        cmd += ["--enable-lora", "--lora-modules", f"{SERVED_NAME}={LORA}", "--max-lora-rank", "64"]
    else:
        cmd += ["--served-model-name", SERVED_NAME]
    return cmd


@app.function(
    image=image,
    gpu=GPU,
    secrets=[modal.Secret.from_name("quire-llm")],
    volumes={"/root/.cache/huggingface": hf_cache, "/root/.cache/vllm": vllm_cache},
    min_containers=KEEP_WARM,
    scaledown_window=SCALEDOWN_MINUTES * MINUTES,
    timeout=30 * MINUTES,
)
@modal.concurrent(max_inputs=MAX_CONCURRENT)
@modal.web_server(port=PORT, startup_timeout=15 * MINUTES)
def serve():
    if not os.environ.get("MODAL_API_KEY"):
        raise RuntimeError("MODAL_API_KEY is missing: create the secret `quire-llm` (see the top of this file)")
    subprocess.Popen(vllm_command())


@app.local_entrypoint()
def smoke(prompt: str = "Reply with the word ready."):
    """`modal run deploy/modal/quire_llama.py` : one streamed request against the deployed app."""
    import json
    import urllib.request

    url = serve.get_web_url()
    key = os.environ["MODAL_API_KEY"]
    with urllib.request.urlopen(f"{url}/health", timeout=20 * MINUTES) as res:
        print("health:", res.status)
    body = json.dumps({"model": SERVED_NAME, "messages": [{"role": "user", "content": prompt}], "max_tokens": 16, "stream": True}).encode()
    req = urllib.request.Request(f"{url}/v1/chat/completions", data=body, headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=5 * MINUTES) as res:
        for line in res:
            print(line.decode().rstrip())
